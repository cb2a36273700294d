package dk.sammen.events.event;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dk.sammen.contracts.Topics;
import dk.sammen.events.EventsApi;
import dk.sammen.events.EventsIntegrationTest.Partner;
import dk.sammen.localstack.TopicReader;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dk.sammen.events.EventsIntegrationTest.IDENTITY;
import static dk.sammen.events.EventsIntegrationTest.meal;
import static dk.sammen.localstack.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing accepted is lost while Kafka is away: writes succeed with the broker stopped, their
 * CloudEvents wait in the outbox, and after the broker is back every one arrives exactly once, each
 * aggregate's in the order of its changes. The relay's batch is smaller than the backlog, so the
 * backlog takes several batches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxBrokerOutageTests {

	private static final KafkaBroker broker = startedBroker();

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	SignedIdentities identities;

	@LocalServerPort
	int port;

	private EventsApi api;

	private WebTestClient http;

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30)).build();
		this.api = new EventsApi(this.http, this.identities);
	}

	/** This test's own broker, so stopping it disturbs no other test. */
	@DynamicPropertySource
	static void ownBroker(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
		registry.add("spring.mongodb.uri", () -> MongoWireServer.shared().connectionString() + "/sammen-events-outage");
		registry.add("sammen.outbox.batch-size", () -> "2");
	}

	@AfterAll
	static void stopBroker() {
		broker.stop();
	}

	@Test
	void publishWhileBrokerIsDown_deliversEveryCloudEventExactlyOnceAfterRestart() {
		Partner partner = this.api.newPartner();
		List<String> before = createAndPublish(partner, 3);
		TopicReader topic = new TopicReader(broker.bootstrapServers());
		topic.await(Topics.EVENTS, (r) -> before.contains(r.key()), 3);

		broker.stop();
		List<String> during = createAndPublish(partner, 5);
		cancel(partner, before.get(0));
		// one document's outbox holds three changes in a row, which must reach Kafka in that order
		String changedTwice = during.get(0);
		this.http.put().uri("/api/v1/events/{id}", changedTwice).header(IDENTITY, partner.header())
			.header("If-Match", "\"2\"").bodyValue(meal()).exchange().expectStatus().isOk();
		cancel(partner, changedTwice);
		await().atMost(Duration.ofSeconds(10)).until(() -> pendingMessages() >= 8);

		broker.start();
		List<String> all = new ArrayList<>(before);
		all.addAll(during);
		List<ConsumerRecord<String, byte[]>> records = topic.await(Topics.EVENTS, (r) -> all.contains(r.key()), 11);
		await().atMost(Duration.ofSeconds(30)).until(() -> pendingMessages() == 0);
		records = topic.readAll(Topics.EVENTS).stream().filter((r) -> all.contains(r.key())).toList();

		assertThat(records).hasSize(11);
		assertThat(records).extracting((r) -> header(r, "ce_id")).doesNotHaveDuplicates();
		Set<String> publishedKeys = records.stream()
			.filter((r) -> "dk.sammen.event.published.v1".equals(header(r, "ce_type")))
			.map(ConsumerRecord::key)
			.collect(Collectors.toSet());
		assertThat(publishedKeys).containsExactlyInAnyOrderElementsOf(all);
		assertThat(records).filteredOn((r) -> "dk.sammen.event.cancelled.v1".equals(header(r, "ce_type")))
			.extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder(before.get(0), changedTwice);
		assertThat(records).filteredOn((r) -> changedTwice.equals(r.key()))
			.extracting((r) -> header(r, "ce_type"))
			.containsExactly("dk.sammen.event.published.v1", "dk.sammen.event.updated.v1",
					"dk.sammen.event.cancelled.v1");
	}

	private void cancel(Partner partner, String id) {
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", "Aflyst under nedbrud")).exchange().expectStatus().isOk();
	}

	private List<String> createAndPublish(Partner partner, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = this.api.createEvent(partner, meal()).get("id").asString();
			this.api.publish(partner, id);
			ids.add(id);
		}
		return ids;
	}

	private long pendingMessages() {
		return this.mongo.find(Query.query(Criteria.where("outbox.0").exists(true)), Document.class, "events")
			.map((document) -> (long) document.getList("outbox", Document.class).size())
			.reduce(0L, Long::sum)
			.block();
	}

	private static KafkaBroker startedBroker() {
		try {
			KafkaBroker started = KafkaBroker.builder()
				.dataDirectory(Files.createTempDirectory("sammen-outage-kafka-"))
				.build();
			started.start();
			return started;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
