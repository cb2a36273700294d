package dk.sammen.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dk.sammen.localstack.ChildJvm;
import dk.sammen.localstack.FreePorts;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.notification.mail.Language;
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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly one copy per subscriber while a replica is killed mid-edition: this test's application
 * and a second replica in a child JVM share the consumer group; the child is SIGKILLed while the
 * edition is being sent, its partitions move here, and the mailbox is counted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = DeliveryCrashTests.SHARED_SETTINGS)
@AutoConfigureWebTestClient
@DirtiesContext
class DeliveryCrashTests {

	static final String SHARED_SETTINGS = "sammen.notification.editions.scheduled=false";

	private static final int SUBSCRIBERS = 80;

	private static final String DATABASE = "sammen-notification-crash-" + UUID.randomUUID();

	private static final String GROUP = "notification-crash-" + UUID.randomUUID();

	static final GreenMail mailbox = NotificationTestKit.startMailbox();

	/** What both replicas run with: slow enough sending to kill one in the middle, quick failure detection. */
	private static Map<String, String> settings() {
		Map<String, String> settings = new HashMap<>();
		settings.put("spring.mongodb.uri", MongoWireServer.shared().connectionString() + "/" + DATABASE);
		settings.put("spring.kafka.bootstrap-servers", KafkaBroker.shared().bootstrapServers());
		settings.put("spring.kafka.consumer.group-id", GROUP);
		settings.put("spring.kafka.consumer.auto-offset-reset", "earliest");
		settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
		settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
		settings.put("spring.mail.host", "127.0.0.1");
		settings.put("spring.mail.port", Integer.toString(mailbox.getSmtp().getPort()));
		settings.put("sammen.notification.mail.rate-per-second", "10");
		// long enough that a send on a busy machine outlives no lease, short enough to wait out after a kill
		settings.put("sammen.notification.delivery.claim-lease", "10s");
		settings.put("sammen.notification.delivery.reconcile-interval", "500ms");
		settings.put("sammen.notification.editions.reconcile-interval", "500ms");
		settings.put("sammen.notification.editions.scheduled", "false");
		return settings;
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		settings().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stopMailbox() {
		mailbox.stop();
	}

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	SignedIdentities identities;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@BeforeEach
	void startFromAnEmptyList() throws Exception {
		this.mongo.remove(new Query(), Subscriber.class).block();
		mailbox.purgeEmailFromAllMailboxes();
	}

	@Test
	void sendsAtMostOneCopyAndSkipsNobody_whenReplicaIsKilledMidEdition() throws Exception {
		List<String> addresses = confirmedSubscribers(SUBSCRIBERS);
		int childPort = FreePorts.pick();
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + childPort));
		settings().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		try (ChildJvm replica = ChildJvm.start("dk.sammen.notification.NotificationServiceApplication",
				List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), arguments,
				Path.of("target", "crash-test-replica.log"))) {
			awaitUp(childPort);
			MessageListenerContainer deliveries = this.listeners.getListenerContainer("deliveries");
			await().atMost(Duration.ofSeconds(60))
				.until(() -> deliveries.getAssignedPartitions() != null && !deliveries.getAssignedPartitions().isEmpty()
						&& deliveries.getAssignedPartitions().size() < 12);

			String edition = triggerCampaignNewsletter();
			await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.getReceivedMessages().length >= SUBSCRIBERS / 5);
			replica.kill();
			int sentBeforeKill = mailbox.getReceivedMessages().length;
			assertThat(sentBeforeKill).as("killed in the middle of the edition").isLessThan(SUBSCRIBERS);

			assertEveryoneOnceOrUnknown(edition, addresses, 1);
		}
	}

	/**
	 * Three replicas beside this one, each SIGKILLed at a random point of a larger edition (the
	 * seed is printed; {@code -Dsammen.faults.seed} repeats it). Counted at the SMTP server: nobody
	 * gets two copies, and everybody got one or is recorded with an unknown outcome.
	 */
	@Test
	@Tag("faults")
	void sendsAtMostOneCopyAndSkipsNobody_whenThreeReplicasAreKilledAtRandomPoints() throws Exception {
		long seed = Long.getLong("sammen.faults.seed", System.nanoTime());
		Random random = new Random(seed);
		int subscribers = 3 * SUBSCRIBERS;
		List<String> addresses = confirmedSubscribers(subscribers);
		// kill points as counts of mails at the server: early, middle and late in the edition
		int[] killAt = { fraction(random, subscribers, 0.10, 0.30), fraction(random, subscribers, 0.35, 0.55),
				fraction(random, subscribers, 0.60, 0.80) };
		System.out.println("DeliveryCrashTests: seed " + seed + " (-Dsammen.faults.seed=" + seed + "), kills at "
				+ Arrays.toString(killAt) + " of " + subscribers + " mails");
		List<ChildJvm> replicas = new ArrayList<>();
		try {
			for (int i = 0; i < killAt.length; i++) {
				int port = FreePorts.pick();
				List<String> arguments = new ArrayList<>(List.of("--server.port=" + port));
				settings().forEach((name, value) -> arguments.add("--" + name + "=" + value));
				replicas.add(ChildJvm.start("dk.sammen.notification.NotificationServiceApplication",
						List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), arguments,
						Path.of("target", "crash-test-replica-" + i + ".log")));
				awaitUp(port);
			}
			MessageListenerContainer deliveries = this.listeners.getListenerContainer("deliveries");
			// twelve partitions over four members: this one holds three once every replica has joined
			await().atMost(Duration.ofSeconds(90))
				.until(() -> deliveries.getAssignedPartitions() != null && !deliveries.getAssignedPartitions().isEmpty()
						&& deliveries.getAssignedPartitions().size() <= 3);

			String edition = triggerCampaignNewsletter();
			for (int i = 0; i < killAt.length; i++) {
				int threshold = killAt[i];
				await().atMost(Duration.ofSeconds(120)).until(() -> mailbox.getReceivedMessages().length >= threshold);
				replicas.get(i).kill();
			}
			assertThat(mailbox.getReceivedMessages().length).as("the last kill came before the edition ended")
				.isLessThan(subscribers);

			assertEveryoneOnceOrUnknown(edition, addresses, killAt.length);
		}
		finally {
			replicas.forEach(ChildJvm::close);
		}
	}

	/**
	 * Counted at the SMTP server once the edition completed: nobody has two copies, everybody has one
	 * or is recorded with an unknown outcome, at most one per kill, and the edition's counts agree.
	 */
	private void assertEveryoneOnceOrUnknown(String edition, List<String> addresses, int kills) throws Exception {
		Map<?, ?> status = awaitCompleted(edition);
		Map<String, Integer> copies = new HashMap<>();
		for (MimeMessage message : mailbox.getReceivedMessages()) {
			copies.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
		}
		assertThat(copies).as("copies per subscriber").allSatisfy((address, count) -> assertThat(count).isOne());
		List<String> unknown = outcomeUnknown(edition);
		assertThat(addresses).as("everyone got the mail, or is recorded with an unknown outcome")
			.allMatch((address) -> copies.containsKey(address) || unknown.contains(address));
		assertThat(((Number) status.get("targeted")).intValue()).isEqualTo(addresses.size());
		int sent = ((Number) status.get("sent")).intValue();
		// a mail can reach the server and its replica die before recording it: then it counts as unknown
		assertThat(copies.size()).as("copies at the server; edition %s, unknown %s", status, unknown)
			.isBetween(sent, sent + unknown.size());
		assertThat(((Number) status.get("failed")).intValue()).isEqualTo(unknown.size());
		assertThat(unknown).as("only a mail being sent at a kill can have an unknown outcome")
			.hasSizeLessThanOrEqualTo(kills);
	}

	private static int fraction(Random random, int total, double from, double to) {
		return (int) (total * (from + random.nextDouble() * (to - from)));
	}

	private List<String> confirmedSubscribers(int count) {
		List<String> addresses = new ArrayList<>();
		Instant now = Instant.now();
		for (int i = 0; i < count; i++) {
			String address = "crash-" + i + "@example.dk";
			addresses.add(address);
			this.mongo.insert(new Subscriber(UUID.randomUUID().toString(), address, SubscriberStatus.CONFIRMED,
					new Preferences(List.of(), List.of(), List.of(), Language.DA, Frequency.WEEKLY),
					List.of(new Consent(now, "confirmed", "confirmation-link", "1")), 1, now, now, null, 1)).block();
		}
		return addresses;
	}

	private List<String> outcomeUnknown(String edition) {
		List<String> subscriberIds = this.mongo
			.find(Query.query(
					Criteria.where("editionId").is(edition)
						.and("reason").is("outcome-unknown")), Document.class, "deliveries")
			.map((record) -> record.getString("subscriberId"))
			.collectList()
			.block();
		return this.mongo.find(Query.query(
				Criteria.where("_id").in(subscriberIds)), Subscriber.class)
			.map(Subscriber::email)
			.collectList()
			.block();
	}

	private static void awaitUp(int port) {
		HttpClient client = HttpClient.newHttpClient();
		await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode() == 200);
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

	private Map<?, ?> awaitCompleted(String edition) {
		return await().atMost(Duration.ofSeconds(120)).until(() -> this.http.get()
			.uri("/api/v1/admin/newsletters/{id}", edition)
			.header("X-Sammen-Identity", admin())
			.exchange()
			.expectBody(Map.class).returnResult().getResponseBody(), (view) -> "completed".equals(view.get("status")));
	}

}
