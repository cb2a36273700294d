package dk.sammen.gateway.feed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.campaign.CampaignActivityCancelledV1;
import dk.sammen.contracts.campaign.CampaignActivityPublishedV1;
import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import dk.sammen.contracts.campaign.CampaignActivityUpdatedV1;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.contracts.event.EventUpdatedV1;
import dk.sammen.gateway.feed.StreamPosition.Slot;
import dk.sammen.localstack.KafkaBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SSE stream as a client sees it, fed through the real broker: both topics, the filters, the
 * ids, resuming with {@code Last-Event-ID} and the connected-clients gauge. Whether a client has
 * handled a record, shown or not, is read from the position in the ids it got (heartbeats carry
 * one too), so that "nothing else arrived" is asserted without waiting for a while.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.gateway.feed.heartbeat=300ms", "sammen.gateway.feed.stream-retry=2s" })
@AutoConfigureWebTestClient
class FeedStreamIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient client;

	@Autowired
	private LiveChanges live;

	@Autowired
	private MeterRegistry meters;

	private final List<Client> clients = new ArrayList<>();

	private FeedTopics topics;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		FeedTopics.create(KafkaBroker.shared().bootstrapServers());
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
	}

	@BeforeEach
	void followTopics() {
		await().atMost(WAIT)
			.until(() -> this.live.follows(Topics.EVENTS) && this.live.follows(Topics.CAMPAIGN_ACTIVITIES));
		this.topics = new FeedTopics(KafkaBroker.shared().bootstrapServers());
	}

	@AfterEach
	void disconnect() {
		this.clients.forEach(Client::close);
		this.topics.close();
	}

	@Test
	void streamsMatchingEventChanges_fromNowOn_withRetryIdsAndHeartbeats() {
		Client stream = connect("/api/v1/feed/stream?kommune=0661&q=Fællesspisning", null);
		await().atMost(WAIT).until(() -> !stream.received().isEmpty());
		ServerSentEvent<String> opening = stream.received().get(0);
		assertThat(opening.comment()).isEqualTo("open");
		assertThat(opening.retry()).isEqualTo(Duration.ofSeconds(2));
		assertThat(StreamPosition.decode(opening.id())).isPresent();
		String id = "e-" + UUID.randomUUID();

		RecordMetadata elsewhere = this.topics.send("elsewhere", CloudEventTypes.EVENT_PUBLISHED_V1,
				new EventPublishedV1(event("elsewhere", "0101", "published", 1, "Fællesspisning")));
		this.topics.send(id, CloudEventTypes.EVENT_PUBLISHED_V1,
				new EventPublishedV1(event(id, "0661", "published", 1, "Fællesspisning")));
		RecordMetadata cancelled = this.topics.send(id, CloudEventTypes.EVENT_CANCELLED_V1,
				new EventCancelledV1(event(id, "0661", "cancelled", 2, "Fællesspisning"), "Lokalet er lukket"));

		stream.awaitHandled(elsewhere, cancelled);
		assertThat(stream.changes()).extracting(ServerSentEvent::event).containsExactly("published", "cancelled");
		Map<?, ?> item = data(stream.changes().get(1));
		assertThat(item.get("kind")).isEqualTo("event");
		assertThat(item.get("id")).isEqualTo(id);
		assertThat(item.get("status")).isEqualTo("cancelled");
		assertThat(item.get("startsAt")).isEqualTo("2027-04-29T17:30:00+02:00");
		assertThat(item.get("kommune")).isEqualTo(Map.of("code", "0661", "name", "Holstebro"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(stream.received())
				.anySatisfy((event) -> assertThat(event.comment()).isEqualTo("heartbeat")));
		assertThat(stream.received()).allSatisfy((event) -> assertThat(event.id()).isNotBlank());
	}

	@Test
	void streamsActivityChanges_asCampaignActivities_withTheListingsKommuneRule() {
		Client stream = connect("/api/v1/feed/stream?kommune=0101", null);
		String id = "a-" + UUID.randomUUID();
		String nationwide = "a-" + UUID.randomUUID();

		this.topics.sendActivity(id, CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1,
				new CampaignActivityPublishedV1(activity(id, "0101", "published", 1)));
		RecordMetadata elsewhere = this.topics.sendActivity("a-holstebro",
				CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1,
				new CampaignActivityPublishedV1(activity("a-holstebro", "0661", "published", 1)));
		RecordMetadata everywhere = this.topics.sendActivity(nationwide,
				CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1,
				new CampaignActivityPublishedV1(activity(nationwide, null, "published", 1)));
		this.topics.sendActivity(id, CloudEventTypes.CAMPAIGN_ACTIVITY_UPDATED_V1,
				new CampaignActivityUpdatedV1(activity(id, "0101", "published", 2)));
		RecordMetadata cancelled = this.topics.sendActivity(id, CloudEventTypes.CAMPAIGN_ACTIVITY_CANCELLED_V1,
				new CampaignActivityCancelledV1(activity(id, "0101", "cancelled", 3), "Aflyst"));

		stream.awaitHandled(elsewhere, everywhere, cancelled);
		assertThat(stream.changes()).extracting((event) -> field(event, "id"))
			.containsOnly(id, nationwide)
			.doesNotContain("a-holstebro");
		assertThat(stream.changes()).filteredOn((event) -> id.equals(field(event, "id")))
			.extracting(ServerSentEvent::event)
			.containsExactly("published", "updated", "cancelled");
		Map<?, ?> item = data(stream.changes().stream()
			.filter((event) -> "cancelled".equals(event.event()))
			.findFirst()
			.orElseThrow());
		assertThat(item.get("kind")).isEqualTo("campaign-activity");
		assertThat(item.get("title")).isEqualTo("Foredrag " + id);
		assertThat(item.get("status")).isEqualTo("cancelled");
		assertThat(item.get("programme")).isEqualTo("vaer-en-som-raekker-ud");
		assertThat(item.get("startsAt")).isEqualTo("2027-05-01T09:00:00+02:00");
		assertThat(item.get("endsAt")).isNull();
		assertThat(item.get("kommune")).isEqualTo(Map.of("code", "0101", "name", "København"));
		assertThat(item.get("url")).isEqualTo("https://example.dk/kampagne/" + id);
		assertThat(data(stream.changes().stream()
			.filter((event) -> nationwide.equals(field(event, "id")))
			.findFirst()
			.orElseThrow())
			.get("kommune")).isNull();
	}

	@Test
	void filtersExcludeActivities_exactlyAsTheJsonFeedDoes() {
		String campaign = "kampagne-" + UUID.randomUUID();
		Client eventOnly = connect("/api/v1/feed/stream?arena=fritid-og-faellesskaber", null);
		Client campaignsProgramme = connect("/api/v1/feed/stream?programme=vaer-en-som-raekker-ud", null);
		Client otherCampaign = connect("/api/v1/feed/stream?campaign=" + campaign, null);
		String activity = "a-" + UUID.randomUUID();
		String event = "e-" + UUID.randomUUID();

		RecordMetadata activityRecord = this.topics.sendActivity(activity,
				CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1,
				new CampaignActivityPublishedV1(activity(activity, "0101", "published", 1)));
		RecordMetadata eventRecord = this.topics.send(event, CloudEventTypes.EVENT_PUBLISHED_V1,
				new EventPublishedV1(event(event, "0661", "published", 1, "Fællesspisning")));

		for (Client stream : List.of(eventOnly, campaignsProgramme, otherCampaign)) {
			stream.awaitHandled(activityRecord, eventRecord);
		}
		assertThat(eventOnly.changes()).extracting((change) -> field(change, "id")).containsExactly(event);
		assertThat(campaignsProgramme.changes()).extracting((change) -> field(change, "id"))
			.containsExactly(activity);
		assertThat(otherCampaign.changes()).isEmpty();
	}

	@Test
	void resumesWithLastEventId_withExactlyTheChangesMissed_inOrder_thenLive() {
		String id = "e-" + UUID.randomUUID();
		Client first = connect("/api/v1/feed/stream?kommune=0661", null);
		RecordMetadata published = this.topics.send(id, CloudEventTypes.EVENT_PUBLISHED_V1,
				new EventPublishedV1(event(id, "0661", "published", 1, "Version 1")));
		first.awaitHandled(published);
		assertThat(first.changes()).hasSize(1);
		String lastEventId = first.changes().get(0).id();
		first.close();

		List<String> missed = new ArrayList<>();
		for (int version = 2; version <= 6; version++) {
			this.topics.send(id, CloudEventTypes.EVENT_UPDATED_V1,
					new EventUpdatedV1(event(id, "0661", "published", version, "Version " + version)));
			missed.add("Version " + version + " i Medborgerhuset");
			// not for this client: moves its position on without a message
			this.topics.send("elsewhere", CloudEventTypes.EVENT_UPDATED_V1,
					new EventUpdatedV1(event("elsewhere", "0101", "published", version, "Version " + version)));
		}
		Client resumed = connect("/api/v1/feed/stream?kommune=0661", lastEventId);
		// published while the resumed client is handed over from catch-up to live
		CompletableFuture<RecordMetadata> meanwhile = CompletableFuture.supplyAsync(() -> {
			RecordMetadata last = null;
			for (int version = 7; version <= 26; version++) {
				last = this.topics.send(id, CloudEventTypes.EVENT_UPDATED_V1,
						new EventUpdatedV1(event(id, "0661", "published", version, "Version " + version)));
			}
			return last;
		});
		for (int version = 7; version <= 26; version++) {
			missed.add("Version " + version + " i Medborgerhuset");
		}

		resumed.awaitHandled(meanwhile.join());
		assertThat(resumed.changes()).extracting((change) -> field(change, "title"))
			.containsExactlyElementsOf(missed);
		assertThat(resumed.changes()).extracting(ServerSentEvent::id)
			.doesNotHaveDuplicates()
			.doesNotContain(lastEventId);
		assertThat(resumed.received()).noneSatisfy((event) -> assertThat(event.event()).isEqualTo("reset"));
	}

	@Test
	void resumesFromLastEventIdParameter_forClientsThatCannotSetHeaders() {
		Client first = connect("/api/v1/feed/stream?kommune=0661", null);
		await().atMost(WAIT).until(() -> !first.received().isEmpty());
		String openedAt = first.received().get(0).id();
		first.close();
		String id = "e-" + UUID.randomUUID();

		this.topics.send(id, CloudEventTypes.EVENT_PUBLISHED_V1,
				new EventPublishedV1(event(id, "0661", "published", 1, "Version 1")));
		RecordMetadata updated = this.topics.send(id, CloudEventTypes.EVENT_UPDATED_V1,
				new EventUpdatedV1(event(id, "0661", "published", 2, "Version 2")));

		Client resumed = connect("/api/v1/feed/stream?kommune=0661&lastEventId=" + openedAt, null);
		resumed.awaitHandled(updated);
		assertThat(resumed.changes()).filteredOn((change) -> id.equals(field(change, "id")))
			.extracting(ServerSentEvent::event)
			.containsExactly("published", "updated");
	}

	@Test
	void answers400Problem_forMalformedLastEventId() {
		String edited = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("s2|e0:1".getBytes(StandardCharsets.UTF_8));
		String unknownTopic = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("s1|x0:1".getBytes(StandardCharsets.UTF_8));
		for (String id : List.of("not-an-id!", edited, unknownTopic)) {
			expectInvalid(this.client.get().uri("/api/v1/feed/stream").header(StreamHandler.LAST_EVENT_ID, id),
					"Last-Event-ID");
			expectInvalid(this.client.get().uri("/api/v1/feed/stream?lastEventId={id}", id), "lastEventId");
		}
	}

	@Test
	void answers400Problem_whenStreamFiltersAreInvalid() {
		expectInvalid(this.client.get().uri("/api/v1/feed/stream?kommune=9999"), "kommune");
		expectInvalid(this.client.get().uri("/api/v1/feed/stream?online=maybe"), "online");
	}

	@Test
	void startsAtTheWindowsBeginning_withReset_whenLastEventIdIsBeyondTheTopics() {
		String campaign = "kampagne-" + UUID.randomUUID();
		String earlier = "e-" + UUID.randomUUID();
		this.topics.send(earlier, CloudEventTypes.EVENT_PUBLISHED_V1,
				new EventPublishedV1(event(earlier, "0661", "published", 1, "Tidligere", campaign)));
		StreamPosition beyond = StreamPosition.NONE;
		for (Slot slot : this.live.position().slots().keySet()) {
			beyond = beyond.with(slot.topic(), slot.partition(), 1_000_000_000L);
		}

		Client stream = connect("/api/v1/feed/stream?campaign=" + campaign, beyond.encode());
		String later = "e-" + UUID.randomUUID();
		RecordMetadata laterRecord = this.topics.send(later, CloudEventTypes.EVENT_PUBLISHED_V1,
				new EventPublishedV1(event(later, "0661", "published", 1, "Senere", campaign)));

		// the opening comment repeats the id the client sent, which is beyond every record, so the
		// position only says something once the reset has moved it back
		await().atMost(WAIT)
			.until(() -> stream.received().stream().anyMatch((event) -> "reset".equals(event.event())));
		stream.awaitHandled(laterRecord);
		ServerSentEvent<String> reset = stream.received()
			.stream()
			.filter((event) -> "reset".equals(event.event()))
			.findFirst()
			.orElseThrow();
		assertThat(data(reset)).isEqualTo(Map.of("reason", "outside-resume-window"));
		assertThat(StreamPosition.decode(reset.id()).orElseThrow().next(Topics.EVENTS, 0))
			.isLessThan(1_000_000_000L);
		// replayed from the window's beginning, then live
		assertThat(stream.changes()).extracting((change) -> field(change, "id")).containsExactly(earlier, later);
	}

	@Test
	void countsConnectedClients_onTheGaugeAndThePrometheusScrape() {
		// the clients of earlier tests are gone once their connections are
		await().atMost(WAIT).until(() -> clients() == 0);
		Client one = connect("/api/v1/feed/stream", null);
		Client two = connect("/api/v1/feed/stream?kommune=0101", null);
		await().atMost(WAIT).until(() -> !one.received().isEmpty() && !two.received().isEmpty());

		await().atMost(WAIT).until(() -> clients() == 2);
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).containsPattern("(?m)^sammen_feed_stream_clients(\\{[^}]*\\})? [1-9]");

		one.close();
		two.close();
		await().atMost(WAIT).until(() -> clients() == 0);
	}

	private double clients() {
		return this.meters.get(FeedMetrics.STREAM_CLIENTS).gauge().value();
	}

	private Client connect(String uri, @Nullable String lastEventId) {
		List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
		WebTestClient.RequestHeadersSpec<?> request = this.client.mutate()
			.responseTimeout(Duration.ofMinutes(2))
			.build()
			.get()
			.uri(uri)
			.accept(MediaType.TEXT_EVENT_STREAM);
		if (lastEventId != null) {
			request = request.header(StreamHandler.LAST_EVENT_ID, lastEventId);
		}
		Disposable connection = request.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.subscribe(received::add);
		Client client = new Client(received, connection);
		this.clients.add(client);
		return client;
	}

	private static void expectInvalid(WebTestClient.RequestHeadersSpec<?> request, String field) {
		request.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/invalid-query")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	private static Map<?, ?> data(ServerSentEvent<String> event) {
		return JSON.readValue(event.data(), Map.class);
	}

	private static @Nullable Object field(ServerSentEvent<String> event, String name) {
		return data(event).get(name);
	}

	private static EventSnapshotV1 event(String id, String kommune, String status, long version, String title) {
		return event(id, kommune, status, version, title, null);
	}

	private static EventSnapshotV1 event(String id, String kommune, String status, long version, String title,
			@Nullable String campaign) {
		Instant starts = Instant.parse("2027-04-29T15:30:00Z");
		return new EventSnapshotV1(id, "org-1", "Fællesskabsby Ringsted", status, version,
				title + " i Medborgerhuset", "<p>Kom alene</p>", "danmark-spiser-sammen", campaign, starts,
				starts.plus(Duration.ofHours(2)),
				new EventSnapshotV1.LocationV1("Medborgerhuset", "Nørregade 1", "7500", "By", kommune, "1082", 56.36,
						8.62),
				null, List.of("fritid-og-faellesskaber"), List.of(), List.of("alle"), List.of("da"), 0, 40,
				"https://example.dk/tilmeld", List.of(), Instant.parse("2027-01-10T08:00:00Z"),
				Instant.parse("2027-01-10T08:00:00Z"));
	}

	private static CampaignActivitySnapshotV1 activity(String id, @Nullable String kommune, String status,
			long version) {
		return new CampaignActivitySnapshotV1(id, "vaer-en-som-raekker-ud", status, version, "talk", "Foredrag " + id,
				"Om at række ud", Instant.parse("2027-05-01T07:00:00Z"), null, kommune,
				(kommune != null) ? "1084" : null, "https://example.dk/kampagne/" + id,
				Instant.parse("2027-01-10T08:00:00Z"), Instant.parse("2027-01-11T08:00:00Z"));
	}

	/** One connection to the stream and what it received, in order. */
	private record Client(List<ServerSentEvent<String>> received, Disposable connection) {

		/** The published, updated and cancelled messages. */
		List<ServerSentEvent<String>> changes() {
			return this.received.stream()
				.filter((event) -> event.event() != null && !"reset".equals(event.event()))
				.toList();
		}

		/** Waits until the client's position is past every record: it has shown or skipped them. */
		void awaitHandled(RecordMetadata... records) {
			await().atMost(WAIT).until(() -> {
				StreamPosition position = position();
				for (RecordMetadata record : records) {
					Long next = (position != null) ? position.next(record.topic(), record.partition()) : null;
					if (next == null || next <= record.offset()) {
						return false;
					}
				}
				return true;
			});
		}

		private @Nullable StreamPosition position() {
			for (int i = this.received.size() - 1; i >= 0; i--) {
				String id = this.received.get(i).id();
				if (id != null) {
					return StreamPosition.decode(id).orElseThrow();
				}
			}
			return null;
		}

		void close() {
			this.connection.dispose();
		}

	}

}
