/**
 * The public feed (CONTRACT section 5): partner events and campaign activities merged in
 * {@code startsAt} order from their services, as JSON, iCalendar, Atom and schema.org JSON-LD.
 * Each source has its own time budget and circuit breaker, so one slow or missing service makes
 * the answer partial instead of failing it. The SSE stream of changes follows the services'
 * topics instead, with ids made of Kafka offsets that let a client resume on any replica.
 */
@NullMarked
package dk.sammen.gateway.feed;

import org.jspecify.annotations.NullMarked;
