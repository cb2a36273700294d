package dk.sammen.notification.edition;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.sammen.notification.mail.Language;
import dk.sammen.notification.subscription.Frequency;
import dk.sammen.notification.subscription.Preferences;
import dk.sammen.notification.subscription.Subscriber;
import dk.sammen.notification.subscription.SubscriberStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Who each kind of edition goes to. */
class EditionTargetingTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	@Test
	void targetsWeeklySubscribers_withWeeklyDigest() {
		Edition digest = Edition.create("d", EditionKind.WEEKLY_DIGEST, EditionSpec.period(NOW, NOW), "test", NOW);
		assertThat(digest.targets(subscriber(Frequency.WEEKLY, List.of(), List.of()))).isTrue();
		assertThat(digest.targets(subscriber(Frequency.INSTANT, List.of(), List.of()))).isFalse();
		assertThat(digest.targets(subscriber(Frequency.DSM, List.of(), List.of()))).isFalse();
	}

	@Test
	void targetsEveryFrequencyFollowingDsm_withAnnouncement() {
		Edition announcement = Edition.create("a", EditionKind.DSM_ANNOUNCEMENT, EditionSpec.dsmWeek(2027, 17), "test",
				NOW);
		assertThat(announcement.targets(subscriber(Frequency.DSM, List.of(), List.of()))).isTrue();
		assertThat(announcement.targets(subscriber(Frequency.INSTANT, List.of(), List.of("danmark-spiser-sammen"))))
			.isTrue();
		assertThat(announcement.targets(subscriber(Frequency.WEEKLY, List.of(), List.of("local-partnership"))))
			.isFalse();
	}

	@Test
	void targetsMatchingInstantSubscribers_withInstantNotice() {
		Edition notice = Edition.create("i", EditionKind.INSTANT,
				EditionSpec.event("e1", "local-partnership", "0751", "1082"), "event", NOW);
		assertThat(notice.targets(subscriber(Frequency.INSTANT, List.of("0751"), List.of()))).isTrue();
		assertThat(notice.targets(subscriber(Frequency.INSTANT, List.of(), List.of()))).as("whole country").isTrue();
		assertThat(notice.targets(subscriber(Frequency.INSTANT, List.of("0101"), List.of()))).isFalse();
		assertThat(notice.targets(subscriber(Frequency.INSTANT, List.of("0751"), List.of("danmark-spiser-sammen"))))
			.isFalse();
		assertThat(notice.targets(subscriber(Frequency.WEEKLY, List.of("0751"), List.of()))).isFalse();
	}

	@Test
	void targetsNobodyUnconfirmed() {
		Edition digest = Edition.create("d", EditionKind.WEEKLY_DIGEST, EditionSpec.period(NOW, NOW), "test", NOW);
		Subscriber pending = new Subscriber("s", "a@example.dk", SubscriberStatus.PENDING,
				new Preferences(List.of(), List.of(), List.of(), Language.DA, Frequency.WEEKLY), List.of(), 1, NOW, null,
				null, 0);
		assertThat(digest.targets(pending)).isFalse();
	}

	private static Subscriber subscriber(Frequency frequency, List<String> kommuner, List<String> programmes) {
		return new Subscriber("s", "a@example.dk", SubscriberStatus.CONFIRMED,
				new Preferences(kommuner, List.of(), programmes, Language.DA, frequency), List.of(), 1, NOW, NOW, null, 0);
	}

}
