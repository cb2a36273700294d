package dk.sammen.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much each client may ask of the gateway. A budget is a token bucket: it holds at most
 * {@code burstCapacity} tokens, gains {@code replenishRate} a second, and each request takes
 * {@code requestedTokens} — the semantics of Spring Cloud Gateway's {@code RedisRateLimiter}.
 *
 * @param enabled false lets every request through unchecked
 * @param reads budget per client address for reads (GET, HEAD, OPTIONS), whether or not a key is sent
 * @param writes budget per API key for writes (POST, PUT, PATCH, DELETE); per client address without a key
 * @param trustedProxies how many proxies in front of the gateway append to {@code X-Forwarded-For}
 * (an ingress: 1); 0 ignores the header, which any client can write
 * @param timeout how long the limiter may take to answer; after that the request goes through unchecked
 * @param redis the budget shared by every replica
 */
@ConfigurationProperties("sammen.gateway.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Reads reads, @DefaultValue Writes writes,
		@DefaultValue("0") int trustedProxies, @DefaultValue("250ms") Duration timeout, @DefaultValue Redis redis) {

	RateLimitProperties {
		if (trustedProxies < 0) {
			throw new IllegalArgumentException("sammen.gateway.rate-limit.trusted-proxies must not be negative");
		}
		check("reads", reads);
		check("writes", writes);
	}

	Budget budget(RequestKind kind) {
		return (kind == RequestKind.READ) ? this.reads : this.writes;
	}

	private static void check(String name, Budget budget) {
		String prefix = "sammen.gateway.rate-limit." + name + ".";
		if (budget.replenishRate() < 1) {
			throw new IllegalArgumentException(prefix + "replenish-rate must be at least 1");
		}
		if (budget.burstCapacity() < budget.replenishRate()) {
			throw new IllegalArgumentException(prefix + "burst-capacity must be at least the replenish-rate");
		}
		if (budget.requestedTokens() < 1 || budget.requestedTokens() > budget.burstCapacity()) {
			throw new IllegalArgumentException(prefix + "requested-tokens must be between 1 and the burst-capacity");
		}
	}

	/** One token bucket's size and refill; whole numbers, as the Redis limiter takes them. */
	sealed interface Budget permits Reads, Writes {

		int replenishRate();

		long burstCapacity();

		int requestedTokens();

	}

	/**
	 * Reads: the public feed and listings, polled by websites and calendars, which cache.
	 *
	 * @param replenishRate tokens added per second
	 * @param burstCapacity the most tokens the bucket holds
	 * @param requestedTokens tokens one request takes
	 */
	record Reads(@DefaultValue("10") int replenishRate, @DefaultValue("50") long burstCapacity,
			@DefaultValue("1") int requestedTokens) implements Budget {
	}

	/**
	 * Writes: a partner's integration; bulk imports belong in one batch request.
	 *
	 * @param replenishRate tokens added per second
	 * @param burstCapacity the most tokens the bucket holds
	 * @param requestedTokens tokens one request takes
	 */
	record Writes(@DefaultValue("5") int replenishRate, @DefaultValue("30") long burstCapacity,
			@DefaultValue("1") int requestedTokens) implements Budget {
	}

	/**
	 * Redis, connected with Spring Boot's {@code spring.data.redis.*} properties.
	 *
	 * @param enabled true keeps the budgets in Redis, shared by all replicas; false keeps them in
	 * each replica's memory and leaves Redis out entirely
	 */
	record Redis(@DefaultValue("false") boolean enabled) {
	}

}
