package dk.sammen.gateway.apikey;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API-key settings of the gateway.
 *
 * @param adminKey the bootstrap admin key (env {@code SAMMEN_ADMIN_KEY}), with which platform
 * staff create the first organisations; unset or blank disables it
 */
@ConfigurationProperties("sammen.gateway")
record ApiKeyProperties(@Nullable String adminKey) {
}
