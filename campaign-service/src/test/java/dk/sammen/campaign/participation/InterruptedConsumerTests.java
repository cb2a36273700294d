package dk.sammen.campaign.participation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.campaign.CampaignIntegrationTest;
import dk.sammen.campaign.CampaignServiceApplication;
import dk.sammen.campaign.EventsTopic;
import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.contracts.event.EventUpdatedV1;
import dk.sammen.localstack.ChildJvm;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static dk.sammen.campaign.EventsTopic.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer stopped in the middle of a stream and started again with the same consumer groups
 * ends with read models (participation and coverage) identical, document for document, to those
 * of a run that was never interrupted: nothing lost, nothing applied twice, no older snapshot
 * winning, whatever was redelivered across the restart.
 */
class InterruptedConsumerTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int EVENTS = 30;

	/** The killed variant's stream: long enough that the kill falls in the middle of it. */
	private static final int MANY_EVENTS = 150;

	private static final List<String> COLLECTIONS = List.of("participation", "coverage-offers");

	private static final String[][] PLACES = { { "0101", "1084" }, { "0661", "1082" }, { "0851", "1081" },
			{ "0259", "1085" } };

	@Test
	void restartConsumerMidStream_endsWithSameReadModelAsUninterruptedRun() {
		CampaignIntegrationTest.createEventsTopic();
		String slug = "interrupted-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Long> finalVersions = new HashMap<>();
		List<Send> stream = stream(slug, EVENTS, finalVersions);
		List<Send> firstHalf = stream.subList(0, stream.size() / 2);
		List<Send> secondHalf = stream.subList(stream.size() / 2, stream.size());

		String interrupted = "sammen-campaign-interrupted-" + UUID.randomUUID();
		String interruptedGroup = "campaign-interrupted-" + UUID.randomUUID();
		Map<String, Map<String, Document>> afterRestart;
		try (EventsTopic topic = new EventsTopic()) {
			try (ConfigurableApplicationContext first = start(interrupted, interruptedGroup)) {
				firstHalf.forEach((send) -> send.to(topic));
				// stopped once it has applied some of the stream, with the rest still to come
				Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
					.until(() -> readModel(first.getBean(ReactiveMongoTemplate.class), finalVersions)
						.get("participation").size() >= 5);
			}
			secondHalf.forEach((send) -> send.to(topic));
			try (ConfigurableApplicationContext restarted = start(interrupted, interruptedGroup)) {
				afterRestart = awaitFinal(restarted, finalVersions);
			}
		}

		assertSameAsUninterrupted(afterRestart, finalVersions, EVENTS);
	}

	/**
	 * The crash variant ({@code -Pfaults}): the consumer is a child JVM, SIGKILLed while it works
	 * through the stream, so offsets of records it applied are not committed and come again.
	 */
	@Test
	@Tag("faults")
	void killConsumerMidStream_endsWithSameReadModelAsUninterruptedRun() {
		CampaignIntegrationTest.createEventsTopic();
		String slug = "killed-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Long> finalVersions = new HashMap<>();
		List<Send> stream = stream(slug, MANY_EVENTS, finalVersions);
		String database = "sammen-campaign-killed-" + UUID.randomUUID();
		String group = "campaign-killed-" + UUID.randomUUID();
		try (EventsTopic topic = new EventsTopic()) {
			stream.forEach((send) -> send.to(topic));
		}

		int appliedAtKill;
		try (MongoClient client = MongoClients.create(MongoWireServer.shared().connectionString())) {
			ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, database);
			try (ChildJvm consumer = ChildJvm.start(CampaignServiceApplication.class.getName(),
					List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), arguments(database, group),
					Path.of("target", "killed-consumer.log"))) {
				Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
					.until(() -> readModel(mongo, finalVersions).get("participation").size() >= 10);
				consumer.kill();
			}
			appliedAtKill = applied(readModel(mongo, finalVersions), finalVersions);
		}
		assertThat(appliedAtKill).as("killed before the whole stream was applied").isLessThan(2 * MANY_EVENTS);

		Map<String, Map<String, Document>> afterRestart;
		try (ConfigurableApplicationContext restarted = start(database, group)) {
			afterRestart = awaitFinal(restarted, finalVersions);
		}
		assertSameAsUninterrupted(afterRestart, finalVersions, MANY_EVENTS);
	}

	private static void assertSameAsUninterrupted(Map<String, Map<String, Document>> interrupted,
			Map<String, Long> finalVersions, int events) {
		Map<String, Map<String, Document>> uninterrupted;
		try (ConfigurableApplicationContext once = start("sammen-campaign-uninterrupted-" + UUID.randomUUID(),
				"campaign-uninterrupted-" + UUID.randomUUID())) {
			uninterrupted = awaitFinal(once, finalVersions);
		}
		for (String collection : COLLECTIONS) {
			assertThat(interrupted.get(collection)).as(collection).hasSize(events)
				.isEqualTo(uninterrupted.get(collection));
		}
		assertThat(interrupted.get("participation").values())
			.filteredOn((document) -> "cancelled".equals(document.getString("status")))
			.hasSize((events + 2) / 3);
	}

	/**
	 * Each event published, then updated, every third cancelled, every fourth's first snapshot
	 * delivered again late under a new {@code ce_id}, every fifth's update delivered twice.
	 */
	private static List<Send> stream(String slug, int events, Map<String, Long> finalVersions) {
		Instant startsAt = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		List<Send> sends = new ArrayList<>();
		List<Send> late = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			String id = UUID.randomUUID().toString();
			String[] place = PLACES[i % PLACES.length];
			EventSnapshotV1 published = event(id, "org-" + (i % 7), "published", 1, "other", slug,
					startsAt.plus(i, ChronoUnit.HOURS), place[0], place[1]);
			Send first = new Send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_PUBLISHED_V1, id,
					json.writeValueAsBytes(new EventPublishedV1(published)));
			sends.add(first);
			EventSnapshotV1 updated = event(id, "org-" + (i % 7), "published", 2, "other", slug,
					startsAt.plus(i, ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES), place[0], place[1]);
			Send update = new Send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_UPDATED_V1, id,
					json.writeValueAsBytes(new EventUpdatedV1(updated)));
			sends.add(update);
			finalVersions.put(id, 2L);
			if (i % 5 == 0) {
				late.add(update);
			}
			if (i % 3 == 0) {
				EventSnapshotV1 cancelled = event(id, "org-" + (i % 7), "cancelled", 3, "other", slug,
						startsAt.plus(i, ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES), place[0], place[1]);
				sends.add(new Send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_CANCELLED_V1, id,
						json.writeValueAsBytes(new EventCancelledV1(cancelled, "Aflyst"))));
				finalVersions.put(id, 3L);
			}
			if (i % 4 == 0) {
				late.add(new Send(UUID.randomUUID().toString(), first.type(), id, first.data()));
			}
		}
		// interleaved, so redeliveries and old snapshots fall on both sides of the interruption
		List<Send> mixed = new ArrayList<>();
		for (int i = 0; i < sends.size(); i++) {
			mixed.add(sends.get(i));
			if (i % 3 == 2 && !late.isEmpty()) {
				mixed.add(late.removeFirst());
			}
		}
		mixed.addAll(late);
		return mixed;
	}

	private static Map<String, Map<String, Document>> awaitFinal(ConfigurableApplicationContext context,
			Map<String, Long> finalVersions) {
		return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.until(() -> readModel(context.getBean(ReactiveMongoTemplate.class), finalVersions),
					(model) -> applied(model, finalVersions) == COLLECTIONS.size() * finalVersions.size());
	}

	/** How many documents of both read models are at their final version. */
	private static int applied(Map<String, Map<String, Document>> model, Map<String, Long> finalVersions) {
		return (int) COLLECTIONS.stream()
			.flatMap((collection) -> model.get(collection).values().stream())
			.filter((document) -> finalVersions.get(document.getString("_id")) == ((Number) document.get("version"))
				.longValue())
			.count();
	}

	/** The read models' documents of these events, without the time each was applied. */
	private static Map<String, Map<String, Document>> readModel(ReactiveMongoTemplate mongo,
			Map<String, Long> finalVersions) {
		Map<String, Map<String, Document>> model = new HashMap<>();
		for (String collection : COLLECTIONS) {
			Map<String, Document> documents = new TreeMap<>();
			mongo.find(Query.query(Criteria.where("_id").in(finalVersions.keySet())), Document.class, collection)
				.doOnNext((document) -> document.remove("appliedAt"))
				.doOnNext((document) -> documents.put(document.getString("_id"), document))
				.blockLast(Duration.ofSeconds(30));
			model.put(collection, documents);
		}
		return model;
	}

	private static ConfigurableApplicationContext start(String database, String group) {
		return new SpringApplicationBuilder(CampaignServiceApplication.class)
			.run(arguments(database, group).toArray(String[]::new));
	}

	private static List<String> arguments(String database, String group) {
		return List.of("--server.port=0",
				"--spring.mongodb.uri=" + MongoWireServer.shared().connectionString() + "/" + database,
				"--spring.kafka.bootstrap-servers=" + KafkaBroker.shared().bootstrapServers(),
				"--spring.kafka.consumer.group-id=" + group,
				"--sammen.campaign.coverage.consumer-group=" + group + "-coverage",
				// small batches, so the stop falls between the commits of one stream
				"--spring.kafka.consumer.max-poll-records=5", "--sammen.outbox.poll-interval=200ms");
	}

	private record Send(String ceId, String type, String key, byte[] data) {

		void to(EventsTopic topic) {
			topic.send(this.ceId, this.type, this.key, this.data, null);
		}

	}

}
