package dk.sammen.gateway.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.contracts.event.EventUpdatedV1;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.platform.geography.Kommuner;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that does not read while changes keep coming, against the real broker: more arrive
 * than its stream holds, so it falls behind and catches up from Kafka, and once it reads again it
 * gets every change exactly once, in order.
 */
class ClientStreamTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Kommuner KOMMUNER = Kommuner.load();

	private static LiveChanges live;

	private static ChangeReplay replay;

	private static FeedTopics topics;

	@BeforeAll
	static void followTopics() {
		String bootstrapServers = KafkaBroker.shared().bootstrapServers();
		FeedTopics.create(bootstrapServers);
		ChangeDecoder decoder = new ChangeDecoder(new JsonFeedWriter(JSON, KOMMUNER), JSON);
		Function<String, Consumer<String, byte @Nullable []>> consumers = FeedConfiguration
			.streamConsumers(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		live = new LiveChanges(consumers, decoder, Duration.ofMinutes(1));
		live.start();
		replay = new ChangeReplay(consumers, decoder, Duration.ofHours(24), Clock.systemUTC());
		topics = new FeedTopics(bootstrapServers);
		await().atMost(Duration.ofSeconds(30)).until(() -> live.follows(Topics.EVENTS));
	}

	@AfterAll
	static void stop() {
		topics.close();
		live.stop();
	}

	@Test
	void fallsBehindAndCatchesUp_withoutLossOrRepeats_whenTheClientDoesNotRead() {
		LinkedMultiValueMap<String, String> filters = new LinkedMultiValueMap<>();
		filters.add("kommune", "0661");
		// holds 8 (the smallest queue), and the stream's own prefetch some more
		ClientStream stream = new ClientStream(live, replay, StreamQuery.parse(filters, KOMMUNER), null,
				Clock.systemUTC(), new ClientStream.Settings(Duration.ofMinutes(5), 2, Duration.ofSeconds(5)));
		Reader reader = new Reader();
		stream.events().subscribe(reader);
		await().atMost(Duration.ofSeconds(10)).until(() -> reader.received.size() == 1);
		String id = "e-" + UUID.randomUUID();
		List<String> expected = new ArrayList<>();

		RecordMetadata last = null;
		for (int version = 1; version <= 120; version++) {
			last = topics.send(id, CloudEventTypes.EVENT_UPDATED_V1,
					new EventUpdatedV1(event(id, version, "Version " + version)));
			expected.add("Version " + version);
		}
		RecordMetadata sent = last;
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Long next = live.position().next(sent.topic(), sent.partition());
			return next != null && next > sent.offset();
		});
		assertThat(reader.received).as("nothing while the client does not read").hasSize(1);

		reader.request(Long.MAX_VALUE);
		await().atMost(Duration.ofSeconds(30)).until(() -> reader.changes().size() >= expected.size());
		assertThat(reader.changes()).extracting((change) -> JSON.readValue(change.data(), Map.class).get("title"))
			.containsExactlyElementsOf(expected);
		reader.dispose();
	}

	private static EventSnapshotV1 event(String id, long version, String title) {
		Instant starts = Instant.parse("2027-04-29T15:30:00Z");
		return new EventSnapshotV1(id, "org-1", "Fællesskabsby Ringsted", "published", version, title,
				"<p>Kom alene</p>", "danmark-spiser-sammen", null, starts, starts.plus(Duration.ofHours(2)),
				new EventSnapshotV1.LocationV1("Medborgerhuset", "Nørregade 1", "7500", "By", "0661", "1082", 56.36,
						8.62),
				null, List.of(), List.of(), List.of("alle"), List.of("da"), 0, 40, "https://example.dk/tilmeld",
				List.of(), Instant.parse("2027-01-10T08:00:00Z"), Instant.parse("2027-01-10T08:00:00Z"));
	}

	/** Takes the opening message, then nothing until told to. */
	private static final class Reader extends BaseSubscriber<ServerSentEvent<String>> {

		private final List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(1);
		}

		@Override
		protected void hookOnNext(ServerSentEvent<String> event) {
			this.received.add(event);
		}

		List<ServerSentEvent<String>> changes() {
			return this.received.stream().filter((event) -> event.event() != null).toList();
		}

	}

}
