package dk.sammen.notification.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import tools.jackson.databind.JsonNode;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventUpdatedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.notification.NotificationIntegrationTest;
import dk.sammen.notification.NotificationTestKit;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.outbox.CloudEvents;
import dk.sammen.platform.outbox.OutboxMessage;
import dk.sammen.platform.test.SammenBlockHound;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook feature on real parts: the service on a random port, a real Kafka broker, the
 * MongoDB-wire server, GreenMail, and a real HTTPS receiver on 127.0.0.1 whose self-signed
 * certificate only these tests trust. Loopback is reachable only through the test switch
 * {@code allow-private-networks}, and only on the receiver's port; the timings are shortened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sammen.notification.editions.scheduled=false",
				"sammen.notification.webhooks.allow-private-networks=true",
				"sammen.notification.webhooks.connect-timeout=2s", "sammen.notification.webhooks.read-timeout=2s",
				"sammen.notification.webhooks.lease=10s", "sammen.notification.webhooks.poll-interval=200ms",
				"sammen.notification.webhooks.initial-backoff=200ms", "sammen.notification.webhooks.max-backoff=1s",
				"sammen.notification.webhooks.max-attempts=8",
				"sammen.notification.webhooks.disable-after-failures=3",
				"sammen.notification.webhooks.disable-after=1s", "sammen.notification.webhooks.notice-interval=500ms",
				"sammen.notification.webhooks.secret-rotation-grace=1h",
				"sammen.notification.webhooks.max-endpoints-per-organisation=3" })
@AutoConfigureWebTestClient
@DirtiesContext
@Import(WebhookIntegrationTest.ReceiverTrust.class)
abstract class WebhookIntegrationTest extends NotificationIntegrationTest {

	static {
		SammenBlockHound.install();
	}

	static final Duration PATIENCE = NotificationTestKit.PATIENCE;

	static final String BASE = "/api/v1/organisations/me/webhooks";

	/** Shared by the test classes of this package (one per JVM), each test on paths of its own. */
	static final TestReceiver receiver = startReceiver();

	static final GreenMail mailbox = NotificationTestKit.startMailbox();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		String run = NotificationTestKit.infrastructure(registry, "webhooks", () -> mailbox.getSmtp().getPort());
		registry.add("sammen.notification.webhooks.consumer-group", () -> "webhooks-" + run);
		registry.add("sammen.notification.webhooks.allowed-ports", receiver::port);
	}

	private static TestReceiver startReceiver() {
		try {
			return new TestReceiver();
		}
		catch (Exception ex) {
			throw new IllegalStateException("The test receiver could not start", ex);
		}
	}

	/** Trust for the self-signed receiver; production trusts the JDK's CAs only. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ReceiverTrust {

		@Bean
		WebhookTrust receiverTrust() {
			return () -> {
				try {
					return receiver.trust();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			};
		}

	}

	static String newOrganisation() {
		return "org-" + UUID.randomUUID();
	}

	String partner(String organisationId) {
		return this.identities.sign(new CallerIdentity(organisationId, Role.PARTNER, "key-" + organisationId));
	}

	JsonNode register(String organisationId, String url, List<String> types) {
		return this.http.post().uri(BASE).header("X-Sammen-Identity", partner(organisationId))
			.bodyValue(Map.of("url", url, "types", types))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.CREATED)
			.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	JsonNode get(String organisationId, String path) {
		return this.http.get().uri(BASE + path).header("X-Sammen-Identity", partner(organisationId))
			.exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	/** Publishes a change of a partner event as events-service does; returns its {@code ce_id}. */
	String publishEvent(String organisationId, String eventId, String type) {
		Instant startsAt = Instant.now().plus(Duration.ofDays(10));
		EventSnapshotV1 snapshot = new EventSnapshotV1(eventId, organisationId, "Testforeningen", "published", 1,
				"Fællesspisning i Medborgerhuset", "Kom og vær med.", "danmark-spiser-sammen", null, startsAt,
				startsAt.plus(Duration.ofHours(2)),
				new EventSnapshotV1.LocationV1("Medborgerhuset", "Torvet 1", "8000", "Aarhus", "0751", "1082", null, null),
				null, List.of("fritid-og-faellesskaber"), List.of("socialt-netvaerk"), List.of("alle"), List.of("da"), 0,
				40, null, List.of(), Instant.now(), Instant.now());
		Object payload = switch (type) {
			case CloudEventTypes.EVENT_UPDATED_V1 -> new EventUpdatedV1(snapshot);
			case CloudEventTypes.EVENT_CANCELLED_V1 -> new EventCancelledV1(snapshot, "Lokalet er lukket");
			default -> new EventPublishedV1(snapshot);
		};
		OutboxMessage message = OutboxMessage.of(Topics.EVENTS, eventId, type, Instant.now(), payload, this.json);
		this.kafka.send(CloudEvents.record(message, URI.create("/sammen/events-service"))).join();
		return message.ceId();
	}

	/** Publishes the organisation as events-service does, so the partner contacts know its address. */
	void publishContact(String organisationId, String email) {
		NotificationTestKit.publishContact(this.kafka, this.json, organisationId, email);
	}

}
