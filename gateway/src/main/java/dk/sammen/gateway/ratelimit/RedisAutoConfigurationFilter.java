package dk.sammen.gateway.ratelimit;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's and Spring Cloud Gateway's Redis auto-configuration out unless the shared
 * limiter is enabled. Redis is on the class path for that limiter only; left in, a gateway without
 * Redis would get a connection factory for localhost:6379 and a {@code redis} health check that is
 * DOWN, and with it the gateway's own health.
 */
final class RedisAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	static final String ENABLED = "sammen.gateway.rate-limit.redis.enabled";

	private static final List<String> REDIS = List.of("org.springframework.boot.data.redis.",
			"org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration");

	private boolean enabled;

	@Override
	public void setEnvironment(Environment environment) {
		this.enabled = environment.getProperty(ENABLED, Boolean.class, false);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			match[i] = this.enabled || candidate == null || REDIS.stream().noneMatch(candidate::startsWith);
		}
		return match;
	}

}
