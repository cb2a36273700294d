package dk.sammen.events.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessPolicyTests {

	private static final Instant NOW = Instant.parse("2027-01-04T09:00:00Z");

	private final FreshnessPolicy policy = new FreshnessPolicy(
			new FreshnessProperties(Duration.ofDays(90), Duration.ofDays(14), Duration.ofDays(14), Duration.ofMinutes(1)),
			(organisation) -> Mono.empty());

	@Test
	void confirmedAt_openSeries_turnsStaleAfterTheIntervalAndHidesAfterTheGrace() {
		Freshness freshness = this.policy.confirmedAt("org-1", details(NOW.plus(Duration.ofDays(7)), null, true), NOW)
			.block();
		assertThat(freshness.staleAt()).isEqualTo(Instant.parse("2027-04-04T09:00:00Z"));
		assertThat(freshness.hiddenAt()).isEqualTo(Instant.parse("2027-04-18T09:00:00Z"));
		assertThat(freshness.remindAt()).isEqualTo(Instant.parse("2027-03-21T09:00:00Z"));
		assertThat(freshness.reminded()).isFalse();
		assertThat(freshness.isStale(Instant.parse("2027-04-04T08:59:59Z"))).isFalse();
		assertThat(freshness.isStale(Instant.parse("2027-04-04T09:00:00Z"))).isTrue();
	}

	@Test
	void confirmedAt_offerOverBeforeItTurnsStale_needsNoReminder() {
		Freshness freshness = this.policy.confirmedAt("org-1", details(NOW.plus(Duration.ofDays(30)), null, false), NOW)
			.block();
		assertThat(freshness.reminded()).isTrue();
	}

	@Test
	void confirmedAt_oneOffOutlastingTheInterval_isReminded() {
		Freshness freshness = this.policy
			.confirmedAt("org-1", details(NOW.plus(Duration.ofDays(100)), null, false), NOW)
			.block();
		assertThat(freshness.reminded()).isFalse();
	}

	@Test
	void confirmedAt_seriesEndingAfterTheInterval_isReminded_andEndingBefore_isNot() {
		assertThat(this.policy
			.confirmedAt("org-1", details(NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(200)), true), NOW)
			.block()
			.reminded()).isFalse();
		assertThat(this.policy
			.confirmedAt("org-1", details(NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(60)), true), NOW)
			.block()
			.reminded()).isTrue();
	}

	@Test
	void confirmedAt_organisationWithItsOwnInterval_usesIt() {
		FreshnessPolicy own = new FreshnessPolicy(
				new FreshnessProperties(Duration.ofDays(90), Duration.ofDays(14), Duration.ofDays(14), Duration.ofMinutes(1)),
				(organisation) -> "org-monthly".equals(organisation) ? Mono.just(Duration.ofDays(30)) : Mono.empty());
		assertThat(own.confirmedAt("org-monthly", details(NOW.plus(Duration.ofDays(7)), null, true), NOW).block().staleAt())
			.isEqualTo(NOW.plus(Duration.ofDays(30)));
		assertThat(own.confirmedAt("org-other", details(NOW.plus(Duration.ofDays(7)), null, true), NOW).block().staleAt())
			.isEqualTo(NOW.plus(Duration.ofDays(90)));
	}

	@Test
	void confirmedAt_intervalShorterThanTheReminderLead_remindsAtOnce() {
		FreshnessPolicy brief = new FreshnessPolicy(
				new FreshnessProperties(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(14), Duration.ofMinutes(1)),
				(organisation) -> Mono.empty());
		assertThat(brief.confirmedAt("org-1", details(NOW.plus(Duration.ofDays(1)), null, true), NOW).block().remindAt())
			.isEqualTo(NOW);
	}

	private static EventDetails details(Instant startsAt, Instant seriesEndsAt, boolean recurring) {
		EventDetails.Schedule schedule = recurring
				? new EventDetails.Schedule("FREQ=WEEKLY;BYDAY=MO", List.of(), List.of(), seriesEndsAt) : null;
		return new EventDetails("Kaffe", "", "local-partnership", null, startsAt, startsAt.plus(Duration.ofHours(2)),
				null, new EventDetails.Online("https://example.dk"), List.of(), List.of(), List.of(), List.of("da"), 0,
				null, null, List.of(), List.of(), null, null, schedule);
	}

}
