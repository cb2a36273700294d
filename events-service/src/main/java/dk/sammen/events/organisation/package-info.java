/**
 * Partner organisations and their API keys. Keys are shown once and stored as SHA-256 only;
 * issuing and revoking a key leaves as a CloudEvent so the gateway's key directory follows.
 */
@NullMarked
package dk.sammen.events.organisation;

import org.jspecify.annotations.NullMarked;
