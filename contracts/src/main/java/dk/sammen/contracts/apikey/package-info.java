/**
 * API keys as the gateway learns them on {@link dk.sammen.contracts.Topics#API_KEYS}. Only the
 * SHA-256 of a key ever travels; the key itself is shown once to its owner and never stored.
 */
@NullMarked
package dk.sammen.contracts.apikey;

import org.jspecify.annotations.NullMarked;
