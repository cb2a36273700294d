package dk.sammen.localstack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay path of the README, against the real broker: a dead letter back where it came from. */
class DeadLetterReplayTest {

	private final KafkaBroker broker = KafkaBroker.shared();

	private final String original = "replay-original-" + UUID.randomUUID();

	private final String deadLetters = this.original + ".some-service-dlt";

	@Test
	void replay_sendsSelectedRecordsToOriginalPartitionWithoutDeadLetterHeaders() throws Exception {
		createTopics();
		String ceId = UUID.randomUUID().toString();
		deadLetter(ceId, "aggregate-1", "some-service", 2, "{\"event\":{\"id\":\"aggregate-1\"}}");
		deadLetter(UUID.randomUUID().toString(), "aggregate-2", "other-service", 1, "{}");

		List<String> dryRun = DeadLetterReplay.replay(this.broker.bootstrapServers(), this.deadLetters,
				DeadLetterReplay.selection("some-service", List.of()), true);
		assertThat(dryRun).singleElement().asString().contains(ceId).endsWith("-> " + this.original + "/2");
		assertThat(new TopicReader(this.broker.bootstrapServers()).readAll(this.original)).isEmpty();

		List<String> replayed = DeadLetterReplay.replay(this.broker.bootstrapServers(), this.deadLetters,
				DeadLetterReplay.selection("some-service", List.of()), false);

		assertThat(replayed).hasSize(1);
		List<ConsumerRecord<String, byte[]>> back = new TopicReader(this.broker.bootstrapServers()).readAll(this.original);
		assertThat(back).singleElement().satisfies((record) -> {
			assertThat(record.partition()).isEqualTo(2);
			assertThat(record.key()).isEqualTo("aggregate-1");
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"event\":{\"id\":\"aggregate-1\"}}");
			assertThat(TopicReader.header(record, "ce_id")).isEqualTo(ceId);
			assertThat(TopicReader.header(record, "ce_type")).isEqualTo("dk.sammen.event.published.v1");
			assertThat(record.headers().toArray()).extracting(Header::key).noneMatch((key) -> key.startsWith("kafka_dlt-"));
		});
		assertThat(new TopicReader(this.broker.bootstrapServers()).readAll(this.deadLetters))
			.as("the dead-letter topic is left as it was").hasSize(2);
	}

	@Test
	void selection_byCeId_replaysOnlyThatRecord() throws Exception {
		createTopics();
		String wanted = UUID.randomUUID().toString();
		deadLetter(wanted, "aggregate-1", "some-service", 0, "{}");
		deadLetter(UUID.randomUUID().toString(), "aggregate-2", "some-service", 0, "{}");

		DeadLetterReplay.replay(this.broker.bootstrapServers(), this.deadLetters,
				DeadLetterReplay.selection(null, List.of(wanted)), false);

		assertThat(new TopicReader(this.broker.bootstrapServers()).readAll(this.original))
			.extracting((record) -> TopicReader.header(record, "ce_id")).containsExactly(wanted);
	}

	private void createTopics() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(this.original, 3, (short) 1), new NewTopic(this.deadLetters, 3, (short) 1)))
				.all().get(30, TimeUnit.SECONDS);
		}
	}

	/** A record as Spring Kafka's DeadLetterPublishingRecoverer writes it. */
	private void deadLetter(String ceId, String key, String group, int partition, String value) throws Exception {
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_id", utf8(ceId));
		headers.add("ce_type", utf8("dk.sammen.event.published.v1"));
		headers.add("kafka_dlt-original-topic", utf8(this.original));
		headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
		headers.add("kafka_dlt-original-consumer-group", utf8(group));
		headers.add("kafka_dlt-exception-message", utf8("Cannot deserialize"));
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>(this.deadLetters, partition, key, utf8(value), headers)).get(30, TimeUnit.SECONDS);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
