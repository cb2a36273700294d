package dk.sammen.campaign.participation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.campaign.CampaignIntegrationTest;
import dk.sammen.campaign.EventsTopic;
import dk.sammen.localstack.TopicReader;
import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.consumer.DeadLetterTopics;

import static dk.sammen.campaign.EventsTopic.event;
import static dk.sammen.campaign.EventsTopic.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Campaign figures fed by the events topic: counts, redelivery, order, poison messages. */
class ParticipationTests extends CampaignIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Instant FUTURE = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

	private static final Instant PAST = Instant.parse("2025-10-01T16:00:00Z");

	private final EventsTopic topic = new EventsTopic();

	@AfterEach
	void close() {
		this.topic.close();
	}

	@Test
	void stats_countJoinedEventsByKommuneRegionTimeAndOrganisation() {
		String slug = newCampaign();
		String orgA = "org-" + UUID.randomUUID();
		String orgB = "org-" + UUID.randomUUID();
		this.topic.published(event(id(), orgA, "published", 2, "local-partnership", slug, FUTURE, "0661", "1082"));
		this.topic.published(event(id(), orgB, "published", 2, "local-partnership", slug, PAST, "0101", "1084"));
		this.topic.published(event(id(), orgA, "published", 2, "other", slug, FUTURE, null, null));
		String cancelled = id();
		this.topic.published(event(cancelled, orgB, "published", 2, "other", slug, FUTURE, "0751", "1082"));
		this.topic.cancelled(event(cancelled, orgB, "cancelled", 3, "other", slug, FUTURE, "0751", "1082"));
		this.topic.published(event(id(), orgB, "published", 2, "other", "en-anden-kampagne", FUTURE, "0101", "1084"));

		JsonNode events = awaitStats(slug, (stats) -> stats.get("partnerEvents").get("cancelled").asInt() == 1
				&& stats.get("partnerEvents").get("published").asInt() == 3).get("partnerEvents");

		assertThat(events.get("upcoming").asInt()).isEqualTo(2);
		assertThat(events.get("past").asInt()).isEqualTo(1);
		assertThat(events.get("withoutKommune").asInt()).isEqualTo(1);
		assertThat(events.get("byKommune").toString()).isEqualTo(
				"[{\"code\":\"0101\",\"name\":\"København\",\"count\":1},{\"code\":\"0661\",\"name\":\"Holstebro\",\"count\":1}]");
		assertThat(events.get("byRegion").toString()).isEqualTo(
				"[{\"code\":\"1082\",\"name\":\"Region Midtjylland\",\"count\":1},{\"code\":\"1084\",\"name\":\"Region Hovedstaden\",\"count\":1}]");
		assertThat(getJson("/api/v1/campaigns/{slug}/stats", slug).get("participatingOrganisations").asInt())
			.isEqualTo(2);
	}

	@Test
	void redelivery_sameCeIdAndOlderSnapshots_changeNothing() {
		String slug = newCampaign();
		String id = id();
		EventSnapshotV1 published = event(id, "org-1", "published", 2, "other", slug, FUTURE, "0661", "1082");
		byte[] payload = json.writeValueAsBytes(new EventPublishedV1(published));
		String ceId = UUID.randomUUID().toString();
		// one partition, so the marker is read after everything before it
		this.topic.send(ceId, CloudEventTypes.EVENT_PUBLISHED_V1, id, payload, 1);
		this.topic.send(ceId, CloudEventTypes.EVENT_PUBLISHED_V1, id, payload, 1);
		String cancelledId = id();
		this.topic.send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_CANCELLED_V1, cancelledId,
				json.writeValueAsBytes(new dk.sammen.contracts.event.EventCancelledV1(
						event(cancelledId, "org-2", "cancelled", 3, "other", slug, FUTURE, "0101", "1084"), "Aflyst")),
				1);
		// the older snapshot arrives late: the cancellation must stand
		this.topic.send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_PUBLISHED_V1, cancelledId,
				json.writeValueAsBytes(new EventPublishedV1(
						event(cancelledId, "org-2", "published", 2, "other", slug, FUTURE, "0101", "1084"))),
				1);
		this.topic.send(ceId, CloudEventTypes.EVENT_PUBLISHED_V1, id, payload, 1);
		String marker = id();
		this.topic.send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_PUBLISHED_V1, marker,
				json.writeValueAsBytes(new EventPublishedV1(
						event(marker, "org-3", "published", 2, "other", slug, FUTURE, null, null))),
				1);

		JsonNode events = awaitStats(slug, (stats) -> stats.get("partnerEvents").get("withoutKommune").asInt() == 1)
			.get("partnerEvents");

		assertThat(events.get("published").asInt()).isEqualTo(2);
		assertThat(events.get("cancelled").asInt()).isEqualTo(1);
		assertThat(events.get("byKommune").toString()).isEqualTo("[{\"code\":\"0661\",\"name\":\"Holstebro\",\"count\":1}]");
	}

	@Test
	void poisonMessages_goToDeadLetterTopicWithReason_laterMessagesStillPass() {
		String slug = newCampaign();
		String notJson = this.topic.send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_PUBLISHED_V1, id(),
				utf8("{\"event\": {not json"), 4);
		String wrongShape = this.topic.send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_UPDATED_V1, id(),
				utf8("{\"event\":{\"id\":\"x\",\"title\":\"no status, no times\"}}"), 4);
		String after = id();
		this.topic.send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_PUBLISHED_V1, after,
				json.writeValueAsBytes(new EventPublishedV1(
						event(after, "org-1", "published", 2, "other", slug, FUTURE, "0851", "1081"))),
				4);

		awaitStats(slug, (stats) -> stats.get("partnerEvents").get("published").asInt() == 1);
		String deadLetters = DeadLetterTopics.of(Topics.EVENTS, "campaign-service");
		List<ConsumerRecord<String, byte[]>> dead = TopicReader.shared().await(deadLetters,
				(r) -> List.of(notJson, wrongShape).contains(TopicReader.header(r, "ce_id"))
						// coverage's consumer group dead-letters the same records to this topic
						&& "campaign-service".equals(TopicReader.header(r, "kafka_dlt-original-consumer-group")),
				2);
		assertThat(dead).allSatisfy((record) -> {
			assertThat(record.partition()).isEqualTo(4);
			assertThat(TopicReader.header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.EVENTS);
			assertThat(TopicReader.header(record, "kafka_dlt-original-partition")).isNotNull();
			assertThat(TopicReader.header(record, "kafka_dlt-original-consumer-group")).isEqualTo("campaign-service");
			assertThat(TopicReader.header(record, "kafka_dlt-exception-message")).isNotBlank();
			assertThat(TopicReader.header(record, "ce_type")).startsWith("dk.sammen.event.");
		});
		ConsumerRecord<String, byte[]> unparseable = dead.stream()
			.filter((r) -> notJson.equals(TopicReader.header(r, "ce_id"))).findFirst().orElseThrow();
		assertThat(new String(unparseable.value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"event\": {not json");
	}

	@Test
	void stats_unknownCampaign_is404Problem() {
		this.http.get().uri("/api/v1/campaigns/findes-ikke/stats").exchange().expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith("application/problem+json");
	}

	private JsonNode awaitStats(String slug, java.util.function.Predicate<JsonNode> done) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = getJson("/api/v1/campaigns/{slug}/stats", slug);
			return done.test(last[0]);
		});
		return last[0];
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

}
