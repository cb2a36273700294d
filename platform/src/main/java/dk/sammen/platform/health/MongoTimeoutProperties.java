package dk.sammen.platform.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a request waits for an unreachable data store. The driver's defaults (30 s to select a
 * server, 10 s to connect) hold every write, and every readiness probe, that long before it fails;
 * a caller is better served by a 503 with {@code Retry-After} within a few seconds.
 *
 * @param serverSelectionTimeout how long an operation waits for a reachable server
 * @param connectTimeout how long opening one connection may take
 * @param retryAfter the {@code Retry-After} sent with the 503 while the data store is away
 */
@ConfigurationProperties("sammen.mongo")
public record MongoTimeoutProperties(@DefaultValue("2s") Duration serverSelectionTimeout,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration retryAfter) {
}
