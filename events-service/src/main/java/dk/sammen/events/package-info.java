/**
 * events-service: partner organisations, their API keys, and the events they post. Every change
 * that the public or other services must learn about leaves as a CloudEvent through the outbox.
 */
@NullMarked
package dk.sammen.events;

import org.jspecify.annotations.NullMarked;
