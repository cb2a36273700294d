package dk.sammen.notification.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff with jitter. The pause after attempt
 * {@code n} is {@code min(maxBackoff, initialBackoff × multiplier^(n−1))}, of which a random half is
 * taken away ("equal jitter"), so endpoints that failed together do not come back together.
 */
final class RetrySchedule {

	private final Duration initial;

	private final double multiplier;

	private final Duration max;

	private final DoubleSupplier random;

	RetrySchedule(Duration initial, double multiplier, Duration max, DoubleSupplier random) {
		this.initial = initial;
		this.multiplier = multiplier;
		this.max = max;
		this.random = random;
	}

	/** The pause before the attempt after {@code failedAttempt} (1 for the first). */
	Duration after(int failedAttempt) {
		double full = Math.min(this.max.toMillis(),
				this.initial.toMillis() * Math.pow(this.multiplier, Math.max(0, failedAttempt - 1)));
		double jittered = full / 2 + this.random.getAsDouble() * full / 2;
		return Duration.ofMillis(Math.max(1, Math.round(jittered)));
	}

	/** The longest pause before the attempt after {@code failedAttempt}, without jitter. */
	Duration ceiling(int failedAttempt) {
		return Duration.ofMillis(Math.round(Math.min(this.max.toMillis(),
				this.initial.toMillis() * Math.pow(this.multiplier, Math.max(0, failedAttempt - 1)))));
	}

}
