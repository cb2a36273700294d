package dk.sammen.notification.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dk.sammen.localstack.FreePorts;
import dk.sammen.notification.NotificationTestKit;
import dk.sammen.notification.subscription.Consent;
import dk.sammen.notification.subscription.Frequency;
import dk.sammen.notification.subscription.Preferences;
import dk.sammen.notification.subscription.Subscriber;
import dk.sammen.notification.subscription.SubscriberStatus;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole edition against an SMTP relay that is really away: stopped for a while (every mail is
 * retried and arrives once), or refusing every recipient for good (every delivery recorded failed
 * and never tried again). The service talks to one relay port; each test puts its own relay there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.notification.editions.scheduled=false",
				"sammen.notification.editions.reconcile-interval=300ms",
				"sammen.notification.delivery.reconcile-interval=300ms",
				// a stopped relay refuses connections at once: two quick attempts per try, a new try
				// after a short lease, and enough tries to outlast the outage below
				"sammen.notification.mail.attempts=2", "sammen.notification.mail.initial-backoff=100ms",
				"sammen.notification.mail.max-backoff=100ms", "sammen.notification.mail.smtp-timeout=3s",
				"sammen.notification.delivery.claim-lease=2s",
				"sammen.notification.delivery.temporary-failure-attempts=20" })
@AutoConfigureWebTestClient
@DirtiesContext
class SmtpRelayOutageTests {

	private static final int SUBSCRIBERS = 8;

	private static final int RELAY_PORT = FreePorts.pick();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		NotificationTestKit.infrastructure(registry, "smtp", () -> RELAY_PORT);
		registry.add("spring.kafka.consumer.auto-offset-reset", () -> "earliest");
	}

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	SignedIdentities identities;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void nobodySubscribed() {
		// a campaign newsletter goes to every confirmed subscriber; each test counts only its own
		this.mongo.remove(new Query(), Subscriber.class).block();
	}

	@Test
	void sendEditionWhileRelayIsStopped_deliversEachMailOnceAfterRelayIsBack() throws Exception {
		List<String> addresses = confirmedSubscribers("outage");
		GreenMail relay = new GreenMail(new ServerSetup(RELAY_PORT, "127.0.0.1", "smtp"));
		try {
			double retryingBefore = retrying();
			String edition = triggerCampaignNewsletter();
			await().atMost(Duration.ofSeconds(60)).until(() -> retrying() - retryingBefore >= SUBSCRIBERS);
			assertThat(status(edition).get("status")).isNotEqualTo("completed");

			relay.start();
			Map<String, Object> status = awaitCompleted(edition);

			Map<String, Integer> copies = new HashMap<>();
			for (MimeMessage message : relay.getReceivedMessages()) {
				copies.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
			}
			assertThat(copies).as("one copy each, nobody left out").containsOnlyKeys(addresses)
				.allSatisfy((address, count) -> assertThat(count).isOne());
			assertThat(status).containsEntry("targeted", SUBSCRIBERS).containsEntry("sent", SUBSCRIBERS)
				.containsEntry("failed", 0).containsEntry("skipped", 0).containsEntry("pending", 0);
		}
		finally {
			relay.stop();
		}
	}

	@Test
	void sendEditionWhenRelayRefusesPermanently_recordsFailedWithoutRetrying() throws Exception {
		confirmedSubscribers("refused");
		try (SmtpStub relay = SmtpStub.refusingEveryone(RELAY_PORT, "550 5.1.1 Mailbox unavailable")) {
			String edition = triggerCampaignNewsletter();
			Map<String, Object> status = awaitCompleted(edition);

			assertThat(status).containsEntry("targeted", SUBSCRIBERS).containsEntry("sent", 0)
				.containsEntry("failed", SUBSCRIBERS).containsEntry("pending", 0);
			assertThat(failureReasons(edition)).hasSize(SUBSCRIBERS).allMatch((reason) -> reason.startsWith("permanent:"));
			// several reconcile intervals and claim leases later still one offer per recipient: no retry, ever
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
				.until(() -> relay.recipientsOffered() == SUBSCRIBERS);
			assertThat(relay.messagesAccepted()).isZero();
		}
	}

	private List<String> confirmedSubscribers(String prefix) {
		List<String> addresses = new ArrayList<>();
		Instant now = Instant.now();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			String address = prefix + "-" + i + "@example.dk";
			addresses.add(address);
			this.mongo.insert(new Subscriber(UUID.randomUUID().toString(), address, SubscriberStatus.CONFIRMED,
					new Preferences(List.of(), List.of(), List.of(), Language.DA, Frequency.WEEKLY),
					List.of(new Consent(now, "confirmed", "confirmation-link", "1")), 1, now, now, null, 1)).block();
		}
		return addresses;
	}

	private double retrying() {
		Counter counter = this.meters.find("sammen.notification.deliveries").tag("outcome", "retrying").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private List<String> failureReasons(String edition) {
		return this.mongo.find(Query.query(Criteria.where("editionId").is(edition).and("status").is("failed")),
				Document.class, "deliveries")
			.map((record) -> String.valueOf(record.getString("reason")))
			.collectList()
			.block();
	}

	private String admin() {
		return this.identities.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "key-admin"));
	}

	private String triggerCampaignNewsletter() {
		return this.http.post().uri("/api/v1/admin/newsletters").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sammen-Identity", admin())
			.bodyValue(Map.of("kind", "campaign", "campaign", "vaer-en-som-raekker-ud", "subject",
					Map.of("da", "Ræk ud", "en", "Reach out"), "body", Map.of("da", "Ræk ud i dag.", "en", "Reach out today.")))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> status(String edition) {
		return (Map<String, Object>) this.http.get().uri("/api/v1/admin/newsletters/{id}", edition).header("X-Sammen-Identity", admin())
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class).returnResult().getResponseBody();
	}

	private Map<String, Object> awaitCompleted(String edition) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> status(edition),
				(view) -> "completed".equals(view.get("status")));
	}

}
