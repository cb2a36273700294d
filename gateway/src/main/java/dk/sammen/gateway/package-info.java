/**
 * The only public entry point of Sammen: routes {@code /api/v1/**} to the service that owns
 * each path and turns an API key into a signed caller identity on the way, and serves the public
 * feed merged from those services.
 */
@NullMarked
package dk.sammen.gateway;

import org.jspecify.annotations.NullMarked;
