package dk.sammen.gateway.apidocs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services describe themselves and how long the gateway waits for them.
 *
 * @param servicePath the path of each service's OpenAPI description (springdoc's)
 * @param timeout how long one service may take before the merged description leaves it out
 * @param maxAge how long clients may reuse a complete merged description
 */
@ConfigurationProperties("sammen.gateway.api-docs")
record ApiDocsProperties(@DefaultValue("/v3/api-docs") String servicePath, @DefaultValue("3s") Duration timeout,
		@DefaultValue("60s") Duration maxAge) {
}
