package dk.sammen.notification.webhook;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry pauses: doubling up to the ceiling, each jittered between half and the whole. */
class RetryScheduleTests {

	@Test
	void after_doublesUpToCeiling_withoutJitterAtTheTop() {
		RetrySchedule top = new RetrySchedule(Duration.ofSeconds(30), 2.0, Duration.ofHours(4), () -> 1.0);

		assertThat(top.after(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(top.after(2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(top.after(5)).isEqualTo(Duration.ofMinutes(8));
		assertThat(top.after(10)).isEqualTo(Duration.ofHours(4));
		assertThat(top.after(14)).isEqualTo(Duration.ofHours(4));
	}

	@Test
	void after_takesAwayAtMostHalf_asJitter() {
		RetrySchedule bottom = new RetrySchedule(Duration.ofSeconds(30), 2.0, Duration.ofHours(4), () -> 0.0);
		RetrySchedule middle = new RetrySchedule(Duration.ofSeconds(30), 2.0, Duration.ofHours(4), () -> 0.5);

		assertThat(bottom.after(1)).isEqualTo(Duration.ofSeconds(15));
		assertThat(bottom.after(12)).isEqualTo(Duration.ofHours(2));
		assertThat(middle.after(3)).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void defaults_spreadFifteenAttemptsOverAboutADay() {
		RetrySchedule ceiling = new RetrySchedule(Duration.ofSeconds(30), 2.0, Duration.ofHours(4), () -> 1.0);
		Duration total = Duration.ZERO;
		for (int attempt = 1; attempt < 15; attempt++) {
			total = total.plus(ceiling.ceiling(attempt));
		}
		assertThat(total).isBetween(Duration.ofHours(24), Duration.ofHours(25));
	}

}
