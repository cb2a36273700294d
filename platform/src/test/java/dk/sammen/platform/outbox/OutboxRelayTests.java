package dk.sammen.platform.outbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.localstack.TopicReader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static dk.sammen.localstack.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two relays drain one collection at once, in batches smaller than the backlog, over a real broker
 * and the MongoDB-wire server: every message reaches Kafka exactly once, and each aggregate's
 * messages in the order they were written.
 */
class OutboxRelayTests {

	private static final int AGGREGATES = 45;

	private static final int CHANGES = 3;

	/** The aggregate; its collection is {@code aggregate}. */
	record Aggregate(@Id String id, long version) {
	}

	@Test
	void drainWithTwoRelaysInSmallBatches_sendsEveryMessageOnceInWrittenOrder() throws Exception {
		String topic = "outbox-relay-" + UUID.randomUUID();
		createTopic(topic, 4);
		KafkaProperties kafkaProperties = new KafkaProperties();
		kafkaProperties.setBootstrapServers(List.of(KafkaBroker.shared().bootstrapServers()));
		KafkaTemplate<String, CloudEvent> kafka = CloudEvents.kafkaTemplate(kafkaProperties);
		OutboxProperties properties = new OutboxProperties(List.of("aggregate"), URI.create("/sammen/outbox-test"),
				Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMillis(100), 7);
		try (MongoClient client = MongoClients.create(MongoWireServer.shared().connectionString())) {
			ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "sammen-outbox-" + UUID.randomUUID());
			OutboxRelay first = new OutboxRelay(mongo, kafka, properties, Clock.systemUTC(), new SimpleMeterRegistry());
			OutboxRelay second = new OutboxRelay(mongo, kafka, properties, Clock.systemUTC(), new SimpleMeterRegistry());
			AggregateStore store = new AggregateStore(mongo, first);
			Map<String, List<String>> written = new LinkedHashMap<>();
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			for (int i = 0; i < AGGREGATES; i++) {
				String id = "aggregate-" + i;
				List<OutboxMessage> messages = new ArrayList<>();
				for (int change = 0; change < CHANGES; change++) {
					messages.add(new OutboxMessage(UUID.randomUUID().toString(), topic, id, "dk.sammen.test.changed.v1",
							now, "{\"change\":" + change + "}"));
				}
				store.insert(new Aggregate(id, 1), messages).block();
				written.put(id, messages.stream().map(OutboxMessage::ceId).toList());
			}

			long sent = Flux.merge(first.drain(), second.drain()).reduce(0L, Long::sum).block(Duration.ofSeconds(120));
			// a relay stops at a short batch, which may be short because the other one held leases
			sent += first.drain().block(Duration.ofSeconds(60));

			assertThat(sent).isEqualTo(AGGREGATES * CHANGES);
			assertThat(mongo.count(Query.query(Criteria.where(OutboxMessage.FIELD + ".0").exists(true)), "aggregate")
				.block()).isZero();
			List<ConsumerRecord<String, byte[]>> records = new TopicReader(KafkaBroker.shared().bootstrapServers())
				.readAll(topic);
			assertThat(records).extracting((record) -> header(record, "ce_id")).doesNotHaveDuplicates()
				.hasSize(AGGREGATES * CHANGES);
			written.forEach((id, ceIds) -> assertThat(records).filteredOn((record) -> id.equals(record.key()))
				.extracting((record) -> header(record, "ce_id"))
				.as("the messages of %s in the order written", id)
				.containsExactlyElementsOf(ceIds));
			assertThat(mongo.findAll(Document.class, "aggregate").collectList().block())
				.allSatisfy((document) -> assertThat(document).doesNotContainKeys(OutboxMessage.LEASE_FIELD,
						OutboxMessage.LEASE_OWNER_FIELD));
		}
		finally {
			((DefaultKafkaProducerFactory<String, CloudEvent>) kafka.getProducerFactory()).destroy();
		}
	}

	private static void createTopic(String topic, int partitions) throws Exception {
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
	}

}
