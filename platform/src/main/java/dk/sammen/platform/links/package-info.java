/**
 * Links partners publish: only http(s) to public hosts, never fetched by the platform. Shared so
 * every service that stores a partner's URL applies the same rule.
 */
@NullMarked
package dk.sammen.platform.links;

import org.jspecify.annotations.NullMarked;
