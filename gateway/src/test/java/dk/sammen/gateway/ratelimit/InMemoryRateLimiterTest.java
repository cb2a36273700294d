package dk.sammen.gateway.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dk.sammen.gateway.MovableClock;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The token bucket, on a clock the test moves by hand. */
class InMemoryRateLimiterTest {

	private final MovableClock clock = new MovableClock();

	private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(this.clock);

	InMemoryRateLimiterTest() {
		this.limiter.getConfig().put("reads", config(2, 5, 1));
		this.limiter.getConfig().put("writes", config(1, 3, 1));
	}

	@Test
	void allowsTheBurst_thenRefuses() {
		for (int remaining = 4; remaining >= 0; remaining--) {
			Response response = ask("reads", "ip:192.0.2.1");
			assertThat(response.isAllowed()).isTrue();
			assertThat(response.getHeaders()).containsEntry(RedisRateLimiter.REMAINING_HEADER, String.valueOf(remaining));
		}

		Response refused = ask("reads", "ip:192.0.2.1");

		assertThat(refused.isAllowed()).isFalse();
		assertThat(refused.getHeaders()).containsEntry(RedisRateLimiter.REMAINING_HEADER, "0")
			.containsEntry(RedisRateLimiter.REPLENISH_RATE_HEADER, "2")
			.containsEntry(RedisRateLimiter.BURST_CAPACITY_HEADER, "5")
			.containsEntry(RedisRateLimiter.REQUESTED_TOKENS_HEADER, "1");
	}

	@Test
	void refillsAtTheReplenishRate_afterTheBurst() {
		drain("reads", "ip:192.0.2.1");

		this.clock.advance(Duration.ofMillis(499));
		assertThat(ask("reads", "ip:192.0.2.1").isAllowed()).as("half a token short").isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(ask("reads", "ip:192.0.2.1").isAllowed()).as("one token after 1/2 s at 2 a second").isTrue();
		assertThat(ask("reads", "ip:192.0.2.1").isAllowed()).isFalse();
	}

	@Test
	void refillsNoMoreThanTheBurstCapacity_afterALongPause() {
		drain("reads", "ip:192.0.2.1");

		this.clock.advance(Duration.ofHours(1));

		assertThat(ask("reads", "ip:192.0.2.1").getHeaders()).containsEntry(RedisRateLimiter.REMAINING_HEADER, "4");
	}

	@Test
	void takesTheRequestedTokens_perRequest() {
		this.limiter.getConfig().put("heavy", config(1, 5, 2));

		assertThat(ask("heavy", "k").getHeaders()).containsEntry(RedisRateLimiter.REMAINING_HEADER, "3");
		assertThat(ask("heavy", "k").getHeaders()).containsEntry(RedisRateLimiter.REMAINING_HEADER, "1");
		Response refused = ask("heavy", "k");
		assertThat(refused.isAllowed()).as("one token left, two needed").isFalse();
		assertThat(refused.getHeaders()).containsEntry(RedisRateLimiter.REMAINING_HEADER, "1");
	}

	@Test
	void keepsBudgetsApart_perKeyAndPerLimit() {
		drain("reads", "ip:192.0.2.1");

		assertThat(ask("reads", "ip:192.0.2.2").isAllowed()).as("another client").isTrue();
		assertThat(ask("writes", "ip:192.0.2.1").isAllowed()).as("the same client's writes").isTrue();
	}

	@Test
	void refillsNothing_whenTheClockStepsBack() {
		drain("reads", "ip:192.0.2.1");

		this.clock.advance(Duration.ofMinutes(-5));
		assertThat(ask("reads", "ip:192.0.2.1").isAllowed()).isFalse();
		this.clock.advance(Duration.ofMinutes(5));

		assertThat(ask("reads", "ip:192.0.2.1").isAllowed()).as("no refill for the time stepped back").isFalse();
	}

	@Test
	void forgetsBuckets_onceTheyHaveFilledUp() {
		ask("reads", "ip:192.0.2.1");
		drain("writes", "ip:192.0.2.2");
		assertThat(this.limiter.buckets()).isEqualTo(2);

		// both are full again within 3 s, but they are only swept out once per interval
		this.clock.advance(Duration.ofSeconds(10).minusMillis(1));
		ask("reads", "ip:192.0.2.3");
		assertThat(this.limiter.buckets()).as("not swept before the interval").isEqualTo(3);
		this.clock.advance(Duration.ofMillis(1));
		ask("reads", "ip:192.0.2.3");

		assertThat(this.limiter.buckets()).as("only the bucket just used is left").isEqualTo(1);
	}

	@Test
	void refuses_whenTheLimitIsNotConfigured() {
		assertThatIllegalArgumentException().isThrownBy(() -> ask("unknown", "k")).withMessageContaining("unknown");
	}

	private Response ask(String limit, String key) {
		return this.limiter.isAllowed(limit, key).block();
	}

	private void drain(String limit, String key) {
		while (ask(limit, key).isAllowed()) {
			// take until refused; the clock does not move, so this ends at the burst capacity
		}
	}

	private static RedisRateLimiter.Config config(int replenishRate, long burstCapacity, int requestedTokens) {
		return new RedisRateLimiter.Config().setReplenishRate(replenishRate)
			.setBurstCapacity(burstCapacity)
			.setRequestedTokens(requestedTokens);
	}

}
