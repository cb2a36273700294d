package dk.sammen.gateway.ratelimit;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import dk.sammen.gateway.ClientAddresses;
import dk.sammen.platform.identity.IdentityProperties;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One {@link RateLimiter} (Redis or in memory) with a budget for reads and one for writes, and
 * the two filters that take from them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sammen.gateway.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

	/**
	 * Spring Cloud Gateway's limiter: a Lua script keeps each bucket in Redis, so every replica
	 * takes from the same one. Its script bean comes from the gateway's Redis auto-configuration.
	 */
	@Bean
	@ConditionalOnBooleanProperty(RedisAutoConfigurationFilter.ENABLED)
	RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis,
			@Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
			ConfigurationService configurationService, RateLimitProperties properties) {
		return configured(new RedisRateLimiter(redis, script, configurationService), properties);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = RedisAutoConfigurationFilter.ENABLED, havingValue = false,
			matchIfMissing = true)
	InMemoryRateLimiter inMemoryRateLimiter(Clock clock, RateLimitProperties properties) {
		return configured(new InMemoryRateLimiter(clock), properties);
	}

	@Bean
	RateLimitGuard rateLimitGuard(RateLimiter<?> limiter, RateLimitProperties properties,
			SignedIdentities identities, IdentityProperties identity, ClientAddresses clientAddresses,
			MeterRegistry meters) {
		ClientAddressKeyResolver addresses = new ClientAddressKeyResolver(clientAddresses);
		String limiterName = (limiter instanceof RedisRateLimiter) ? "redis" : "memory";
		return new RateLimitGuard(limiter, limiterName, properties, addresses,
				new CallerKeyResolver(identities, identity.header(), addresses), meters);
	}

	@Bean
	ReadRateLimitFilter readRateLimitFilter(RateLimitGuard guard,
			@Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
		return new ReadRateLimitFilter(guard, actuatorBasePath);
	}

	@Bean
	WriteRateLimitFilter writeRateLimitFilter(RateLimitGuard guard) {
		return new WriteRateLimitFilter(guard);
	}

	private static <L extends RateLimiter<RedisRateLimiter.Config>> L configured(L limiter,
			RateLimitProperties properties) {
		for (RequestKind kind : RequestKind.values()) {
			RateLimitProperties.Budget budget = properties.budget(kind);
			limiter.getConfig()
				.put(kind.limitId(), new RedisRateLimiter.Config().setReplenishRate(budget.replenishRate())
					.setBurstCapacity(budget.burstCapacity())
					.setRequestedTokens(budget.requestedTokens()));
		}
		return limiter;
	}

}
