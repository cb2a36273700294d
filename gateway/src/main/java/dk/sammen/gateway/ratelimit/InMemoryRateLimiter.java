package dk.sammen.gateway.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * A token bucket per key in this JVM, with the configuration, semantics and headers of Spring
 * Cloud Gateway's {@link RedisRateLimiter}, so that either can stand behind the same filters.
 * Each replica has a budget of its own; Redis is what makes them share one.
 * <p>
 * Tokens are refilled continuously rather than in the Redis script's whole seconds. A bucket
 * that has filled up again is forgotten, as Redis expires its keys: a new bucket starts full, so
 * nobody notices, and one-off clients do not pile up.
 */
final class InMemoryRateLimiter implements RateLimiter<RedisRateLimiter.Config> {

	private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

	/** How often full buckets are swept out, at most. */
	private static final long SWEEP_INTERVAL = TimeUnit.SECONDS.toNanos(10);

	private final Map<String, RedisRateLimiter.Config> config = new ConcurrentHashMap<>();

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	private final AtomicLong nextSweep;

	InMemoryRateLimiter(Clock clock) {
		this.clock = clock;
		this.nextSweep = new AtomicLong(now() + SWEEP_INTERVAL);
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		return Mono.fromSupplier(() -> take(routeId, id));
	}

	private Response take(String routeId, String id) {
		RedisRateLimiter.Config limit = this.config.get(routeId);
		if (limit == null) {
			throw new IllegalArgumentException("No rate limit configured for " + routeId);
		}
		long now = now();
		sweepFullBuckets(now);
		Bucket bucket = this.buckets.compute(routeId + "." + id,
				(key, before) -> ((before != null) ? before : Bucket.full(limit, now)).take(limit, now));
		return new Response(bucket.allowed(), Map.of(RedisRateLimiter.REMAINING_HEADER,
				String.valueOf((long) bucket.tokens()), RedisRateLimiter.REPLENISH_RATE_HEADER,
				String.valueOf(limit.getReplenishRate()), RedisRateLimiter.BURST_CAPACITY_HEADER,
				String.valueOf(limit.getBurstCapacity()), RedisRateLimiter.REQUESTED_TOKENS_HEADER,
				String.valueOf(limit.getRequestedTokens())));
	}

	/** Buckets held now, full ones not yet swept out included. */
	int buckets() {
		return this.buckets.size();
	}

	private void sweepFullBuckets(long now) {
		long due = this.nextSweep.get();
		if (now >= due && this.nextSweep.compareAndSet(due, now + SWEEP_INTERVAL)) {
			// removes an entry only if it is still the bucket tested, never one updated meanwhile
			this.buckets.values().removeIf((bucket) -> bucket.fullAt() <= now);
		}
	}

	private long now() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
	}

	@Override
	public Map<String, RedisRateLimiter.Config> getConfig() {
		return this.config;
	}

	@Override
	public Class<RedisRateLimiter.Config> getConfigClass() {
		return RedisRateLimiter.Config.class;
	}

	@Override
	public RedisRateLimiter.Config newConfig() {
		return new RedisRateLimiter.Config();
	}

	/**
	 * One bucket after a request.
	 *
	 * @param tokens what is left
	 * @param updatedAt when, in nanoseconds of the clock
	 * @param fullAt when it will have filled up again
	 * @param allowed whether the request got its tokens
	 */
	private record Bucket(double tokens, long updatedAt, long fullAt, boolean allowed) {

		static Bucket full(RedisRateLimiter.Config limit, long now) {
			return new Bucket(limit.getBurstCapacity(), now, now, true);
		}

		Bucket take(RedisRateLimiter.Config limit, long now) {
			// a clock that steps back refills nothing, as in the Redis script
			long elapsed = Math.max(0, now - this.updatedAt);
			double rate = limit.getReplenishRate();
			double capacity = limit.getBurstCapacity();
			double filled = Math.min(capacity, this.tokens + elapsed * rate / NANOS_PER_SECOND);
			boolean allowed = filled >= limit.getRequestedTokens();
			double left = allowed ? filled - limit.getRequestedTokens() : filled;
			long fullAt = now + (long) Math.ceil((capacity - left) / rate * NANOS_PER_SECOND);
			return new Bucket(left, Math.max(now, this.updatedAt), fullAt, allowed);
		}

	}

}
