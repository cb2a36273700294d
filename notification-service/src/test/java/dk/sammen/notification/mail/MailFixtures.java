package dk.sammen.notification.mail;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Letters, recipients and mailers for the tests; no real person's name or address. */
final class MailFixtures {

	static final URI MANAGE = URI.create("https://sammen.example/api/v1/subscriptions/me?token=manage-token-1");

	static final URI UNSUBSCRIBE = URI.create("https://sammen.example/api/v1/subscriptions/unsubscribe?token=unsub-token-1");

	/** Thursday 29 April 2027, 17.30 Danish summer time. */
	static final ZonedDateTime THURSDAY_EVENING = ZonedDateTime.parse("2027-04-29T17:30:00+02:00[Europe/Copenhagen]");

	private MailFixtures() {
	}

	static Recipient subscriber(String email, Language language) {
		return new Recipient(email, language, MANAGE, UNSUBSCRIBE);
	}

	static Recipient unconfirmed(String email, Language language) {
		return new Recipient(email, language, null, null);
	}

	static ListedItem meal() {
		return new ListedItem("Fællesspisning i Medborgerhuset", THURSDAY_EVENING, "Medborgerhuset, Holstebro", false,
				URI.create("https://sammen.example/events/ev-1"), false);
	}

	static ListedItem talk() {
		return new ListedItem("Radiosnak om ensomhed", THURSDAY_EVENING.minusDays(2).withHour(10).withMinute(0), null,
				true, URI.create("https://sammen.example/campaigns/vaer-en-som-raekker-ud/activities/a-1"), false);
	}

	static Letter.Confirmation confirmation() {
		return new Letter.Confirmation(URI.create("https://sammen.example/api/v1/subscriptions/confirm?token=confirm-token-1"),
				Duration.ofHours(24));
	}

	static Letter.WeeklyDigest digest(ListedItem... items) {
		return new Letter.WeeklyDigest(LocalDate.of(2027, 4, 26), LocalDate.of(2027, 5, 2), List.of(items));
	}

	static Letter.DsmAnnouncement announcement(ListedItem... meals) {
		return new Letter.DsmAnnouncement(17, 2027, LocalDate.of(2027, 4, 26), LocalDate.of(2027, 5, 2), List.of(meals));
	}

	static Letter.CampaignNewsletter campaign(String subject, String body) {
		return new Letter.CampaignNewsletter("vaer-en-som-raekker-ud", subject, body, List.of(talk()));
	}

	static List<Letter> everyKind() {
		return List.of(confirmation(), new Letter.AlreadySubscribed(), digest(meal(), talk()), announcement(meal()),
				announcement(), campaign("Vær en, som rækker ud", "Første afsnit.\n\nAndet afsnit,\nanden linje."),
				new Letter.InstantNotice(meal()), webhookDisabled());
	}

	static Letter.WebhookDisabled webhookDisabled() {
		return new Letter.WebhookDisabled("https://hooks.example.dk/sammen", "wh-1", 15,
				java.time.Instant.parse("2027-05-03T08:00:00Z"), "HTTP 503", java.time.Instant.parse("2027-05-04T08:05:00Z"));
	}

	/** {@link MailProperties} bound like Spring binds them: the declared defaults, then {@code overrides}. */
	static MailProperties properties(String... overrides) {
		Map<String, String> source = new HashMap<>();
		for (int i = 0; i < overrides.length; i += 2) {
			source.put("sammen.notification.mail." + overrides[i], overrides[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(source))
			.bindOrCreate("sammen.notification.mail", MailProperties.class);
	}

	static JavaMailSenderImpl smtp(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		return MailConfiguration.withTimeouts(sender, Duration.ofSeconds(5));
	}

	static Mailer mailer(int port, SimpleMeterRegistry meters, String... overrides) {
		return new Mailer(smtp(port), properties(overrides), meters);
	}

}
