package dk.sammen.gateway.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Takes a request's tokens from its budget: lets it on with the {@code X-RateLimit-*} headers, or
 * refuses it with a 429 problem that says when to come back. A limiter that fails or is slow
 * lets the request through (fail open): an outage of Redis must not become an outage of the API.
 */
final class RateLimitGuard {

	private static final Log logger = LogFactory.getLog(RateLimitGuard.class);

	private static final RateLimiter.Response UNCHECKED = new RateLimiter.Response(true, Map.of());

	private final RateLimiter<?> limiter;

	private final String limiterName;

	private final RateLimitProperties properties;

	private final Map<RequestKind, KeyResolver> keys = new EnumMap<>(RequestKind.class);

	private final Map<RequestKind, Counter> limited = new EnumMap<>(RequestKind.class);

	private final Map<RequestKind, Counter> unchecked = new EnumMap<>(RequestKind.class);

	private final AtomicBoolean failing = new AtomicBoolean();

	RateLimitGuard(RateLimiter<?> limiter, String limiterName, RateLimitProperties properties, KeyResolver readKeys,
			KeyResolver writeKeys, MeterRegistry meters) {
		this.limiter = limiter;
		this.limiterName = limiterName;
		this.properties = properties;
		this.keys.put(RequestKind.READ, readKeys);
		this.keys.put(RequestKind.WRITE, writeKeys);
		for (RequestKind kind : RequestKind.values()) {
			this.limited.put(kind, Counter.builder("sammen.gateway.rate.limited")
				.description("Requests refused with 429 because their budget was used up")
				.tag("kind", kind.tag())
				.tag("limiter", limiterName)
				.register(meters));
			this.unchecked.put(kind, Counter.builder("sammen.gateway.rate.limiter.errors")
				.description("Requests let through unchecked because the limiter failed or was too slow")
				.tag("kind", kind.tag())
				.tag("limiter", limiterName)
				.register(meters));
		}
	}

	/** Completes empty when the request may go on, with an {@link ApiProblem} when it may not. */
	Mono<Void> check(ServerWebExchange exchange, RequestKind kind) {
		return this.keys.get(kind)
			.resolve(exchange)
			.flatMap((key) -> this.limiter.isAllowed(kind.limitId(), key)
				.timeout(this.properties.timeout())
				.onErrorResume((ex) -> {
					failed(ex.toString());
					return Mono.just(UNCHECKED);
				})
				.flatMap((response) -> decide(exchange, kind, key, response)));
	}

	private Mono<Void> decide(ServerWebExchange exchange, RequestKind kind, String key,
			RateLimiter.Response response) {
		long remaining = remaining(response);
		if (response.isAllowed()) {
			if (remaining < 0) {
				// the Redis limiter answers "allowed, -1 left" when it could not reach Redis
				failed("no answer from " + this.limiterName);
				this.unchecked.get(kind).increment();
			}
			else {
				recovered();
				HttpHeaders headers = exchange.getResponse().getHeaders();
				response.getHeaders().forEach(headers::set);
			}
			return Mono.empty();
		}
		recovered();
		this.limited.get(kind).increment();
		return Mono.error(tooManyRequests(kind, key, response, remaining));
	}

	private ApiProblem tooManyRequests(RequestKind kind, String key, RateLimiter.Response response, long remaining) {
		RateLimitProperties.Budget budget = this.properties.budget(kind);
		long missing = budget.requestedTokens() - Math.max(0, remaining);
		long retryAfter = Math.max(1, (missing + budget.replenishRate() - 1) / budget.replenishRate());
		String who = key.startsWith("key:") ? "with this API key" : "from this address";
		ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				"Too many " + kind.limitId() + " " + who + ": " + budget.replenishRate()
						+ " a second are allowed, in bursts of up to " + budget.burstCapacity() + "; retry in "
						+ retryAfter + " s");
		response.getHeaders().forEach(problem.getHeaders()::set);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		return problem;
	}

	private static long remaining(RateLimiter.Response response) {
		String remaining = response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER);
		try {
			return (remaining != null) ? Long.parseLong(remaining) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Logs the first failure of a run only; every request of an outage would flood the log. */
	private void failed(String reason) {
		if (this.failing.compareAndSet(false, true)) {
			logger.warn("Rate limiter failed, letting requests through unchecked until it answers again: " + reason);
		}
	}

	private void recovered() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Rate limiter answers again");
		}
	}

}
