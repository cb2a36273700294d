/**
 * API-key authentication. The gateway is the only place a key is checked: it learns the hashes
 * of all issued keys from the compacted {@code sammen.api-keys.v1} topic, and forwards a
 * request with a short-lived signed identity instead of the key itself.
 */
@NullMarked
package dk.sammen.gateway.apikey;

import org.jspecify.annotations.NullMarked;
