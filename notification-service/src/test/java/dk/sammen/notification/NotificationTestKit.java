package dk.sammen.notification;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cloudevents.CloudEvent;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.contracts.organisation.OrganisationRegisteredV1;
import dk.sammen.contracts.organisation.OrganisationSnapshotV1;
import dk.sammen.localstack.FreePorts;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.outbox.CloudEvents;
import dk.sammen.platform.outbox.OutboxMessage;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.awaitility.Awaitility.await;

/** What the notification integration tests share: a real GreenMail, mail reading, and event publishing. */
public final class NotificationTestKit {

	public static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final Pattern LINK = Pattern.compile("(https?://[^\\s\"<>]+/api/v1/subscriptions/(confirm|me|unsubscribe)\\?token=([A-Za-z0-9._-]+))");

	private NotificationTestKit() {
	}

	/**
	 * Wires a test's application to the shared Kafka broker and MongoDB-wire server, with a database
	 * and a consumer group of its own, and to an SMTP server on 127.0.0.1.
	 * @return the run's name, {@code <name>-<uuid>}, for anything else the test keeps apart
	 */
	public static String infrastructure(DynamicPropertyRegistry registry, String name, Supplier<Object> smtpPort) {
		String run = name + "-" + UUID.randomUUID();
		registry.add("spring.mongodb.uri", () -> MongoWireServer.shared().connectionString() + "/sammen-notification-" + run);
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		registry.add("spring.kafka.consumer.group-id", () -> "notification-" + run);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtpPort);
		return run;
	}

	/** A GreenMail SMTP + IMAP server on free ports; every address gets a mailbox with password = address. */
	public static GreenMail startMailbox() {
		GreenMail greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(FreePorts.pick(), "127.0.0.1", "smtp"),
				new ServerSetup(FreePorts.pick(), "127.0.0.1", "imap") });
		greenMail.start();
		return greenMail;
	}

	public static List<MimeMessage> mailsTo(GreenMail greenMail, String address) {
		return Arrays.stream(greenMail.getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch((to) -> to.toString().contains(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** Waits until {@code address} has {@code count} mails and returns them. */
	public static List<MimeMessage> awaitMails(GreenMail greenMail, String address, int count) {
		return await().atMost(PATIENCE).until(() -> mailsTo(greenMail, address), (mails) -> mails.size() >= count);
	}

	/** The text/plain part (or the whole body when it is not multipart). */
	public static String text(MimeMessage message) {
		return part(message, "text/plain");
	}

	public static String html(MimeMessage message) {
		return part(message, "text/html");
	}

	private static String part(MimeMessage message, String type) {
		try {
			Object content = message.getContent();
			if (content instanceof String text) {
				return text;
			}
			String found = find((Multipart) content, type);
			if (found == null) {
				throw new AssertionError("No " + type + " part in " + message.getSubject());
			}
			return found;
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable String find(Multipart multipart, String type) throws MessagingException, IOException {
		for (int i = 0; i < multipart.getCount(); i++) {
			BodyPart part = multipart.getBodyPart(i);
			if (part.getContent() instanceof Multipart nested) {
				String found = find(nested, type);
				if (found != null) {
					return found;
				}
			}
			else if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
		}
		return null;
	}

	/** The token of the first {@code confirm}, {@code me} or {@code unsubscribe} link in the mail's text. */
	public static String token(MimeMessage message, String linkKind) {
		Matcher matcher = LINK.matcher(text(message));
		while (matcher.find()) {
			if (matcher.group(2).equals(linkKind)) {
				return matcher.group(3);
			}
		}
		throw new AssertionError("No " + linkKind + " link in:\n" + text(message));
	}

	public static String header(MimeMessage message, String name) {
		try {
			String[] values = message.getHeader(name);
			return (values != null) ? values[0] : "";
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An event snapshot as events-service publishes it. */
	public static EventSnapshotV1 event(String id, String title, String programme, String kommuneCode,
			String regionCode, Instant startsAt) {
		return new EventSnapshotV1(id, "org-1", "Ældre Sagen Testby", "published", 1, title, "Kom og vær med.",
				programme, null, startsAt, startsAt.plus(Duration.ofHours(2)),
				new EventSnapshotV1.LocationV1("Medborgerhuset", "Torvet 1", "8000", "Aarhus", kommuneCode, regionCode,
						null, null),
				null, List.of("fritid-og-faellesskaber"), List.of("faellesspisning"), List.of("aeldre"), List.of("da"),
				0, 40, null, List.of(), startsAt.minus(Duration.ofDays(30)), startsAt.minus(Duration.ofDays(30)));
	}

	/** Publishes {@code snapshot} as events-service would, and waits for the broker's acknowledgement. */
	public static void publish(KafkaTemplate<String, CloudEvent> kafka, JsonMapper json, EventSnapshotV1 snapshot) {
		OutboxMessage message = OutboxMessage.of(Topics.EVENTS, snapshot.id(), CloudEventTypes.EVENT_PUBLISHED_V1,
				Instant.now(), new EventPublishedV1(snapshot), json);
		kafka.send(CloudEvents.record(message, java.net.URI.create("/sammen/events-service"))).join();
	}

	/**
	 * Publishes an organisation as events-service does, so that the partner contacts learn its
	 * address; waits for the broker's acknowledgement.
	 */
	public static void publishContact(KafkaTemplate<String, CloudEvent> kafka, JsonMapper json, String organisationId,
			String email) {
		OrganisationSnapshotV1 organisation = new OrganisationSnapshotV1(organisationId, "Testforeningen", "forening",
				email, 1, Instant.now());
		OutboxMessage message = OutboxMessage.of(Topics.ORGANISATIONS, organisationId,
				CloudEventTypes.ORGANISATION_REGISTERED_V1, Instant.now(), new OrganisationRegisteredV1(organisation),
				json);
		kafka.send(CloudEvents.record(message, java.net.URI.create("/sammen/events-service"))).join();
	}

	public static Map<String, Object> subscription(String email, List<String> kommuner, List<String> programmes,
			String language, String frequency) {
		return Map.of("email", email, "kommuner", kommuner, "programmes", programmes, "language", language,
				"frequency", frequency);
	}

}
