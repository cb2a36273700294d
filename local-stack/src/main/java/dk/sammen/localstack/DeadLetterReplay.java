package dk.sammen.localstack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Sends the records of a dead-letter topic back to the topic they came from, once the bug that put
 * them there is fixed: {@code bin/kafka-dlt-replay sammen.events.v1.campaign-service-dlt [--group
 * campaign-service] [--ce-id ID]... [--dry-run] [--bootstrap-server host:port]}.
 *
 * <p>Each record goes out as it first arrived: same key, value and headers, to its original
 * partition (so one aggregate's order is kept), without the {@code kafka_dlt-*} headers the
 * dead-lettering added. It reads the dead-letter topic up to its end at the start and stops there;
 * the dead-letter topic itself is left as it is. Replaying again sends the records again, which is
 * harmless: every consumer de-duplicates on {@code ce_id} and ignores older snapshots. Every
 * consumer group of the original topic sees the replayed records, not only the one that failed.
 */
public final class DeadLetterReplay {

	static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

	static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";

	static final String ORIGINAL_GROUP = "kafka_dlt-original-consumer-group";

	private static final String DLT_HEADERS = "kafka_dlt-";

	private DeadLetterReplay() {
	}

	public static void main(String[] args) {
		String topic = null;
		String bootstrap = "127.0.0.1:9092";
		String group = null;
		List<String> ceIds = new ArrayList<>();
		boolean dryRun = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--bootstrap-server" -> bootstrap = args[++i];
				case "--group" -> group = args[++i];
				case "--ce-id" -> ceIds.add(args[++i]);
				case "--dry-run" -> dryRun = true;
				default -> topic = args[i];
			}
		}
		if (topic == null) {
			System.err.println("usage: bin/kafka-dlt-replay DLT_TOPIC [--group GROUP] [--ce-id ID]... [--dry-run]"
					+ " [--bootstrap-server HOST:PORT]");
			System.exit(2);
		}
		List<String> replayed = replay(bootstrap, topic, selection(group, ceIds), dryRun);
		replayed.forEach(System.out::println);
		System.err.println((dryRun ? "Would replay " : "Replayed ") + replayed.size() + " record(s) from " + topic);
	}

	/** Records failed by {@code group} (any group when null) whose {@code ce_id} is listed (any when empty). */
	static Predicate<ConsumerRecord<String, byte[]>> selection(@Nullable String group, List<String> ceIds) {
		Set<String> wanted = Set.copyOf(ceIds);
		return (record) -> (group == null || group.equals(text(record, ORIGINAL_GROUP)))
				&& (wanted.isEmpty() || wanted.contains(text(record, "ce_id")));
	}

	/**
	 * Replays the selected records of {@code deadLetterTopic} as they are now.
	 * @return one line per selected record: where it came from and where it went
	 */
	public static List<String> replay(String bootstrapServers, String deadLetterTopic,
			Predicate<ConsumerRecord<String, byte[]>> selected, boolean dryRun) {
		List<ConsumerRecord<String, byte[]>> records = readToEnd(bootstrapServers, deadLetterTopic);
		List<String> lines = new ArrayList<>();
		try (KafkaProducer<String, byte[]> producer = dryRun ? null : producer(bootstrapServers)) {
			for (ConsumerRecord<String, byte[]> record : records) {
				if (!selected.test(record)) {
					continue;
				}
				String target = text(record, ORIGINAL_TOPIC);
				if (target == null) {
					lines.add(describe(record) + " skipped: no " + ORIGINAL_TOPIC + " header");
					continue;
				}
				ProducerRecord<String, byte[]> original = new ProducerRecord<>(target, originalPartition(record),
						record.key(), record.value(), withoutDeadLetterHeaders(record));
				if (producer != null) {
					try {
						producer.send(original).get();
					}
					catch (Exception ex) {
						throw new IllegalStateException("Could not replay " + describe(record) + " to " + target, ex);
					}
				}
				lines.add(describe(record) + " -> " + target + "/"
						+ ((original.partition() != null) ? original.partition() : "by key"));
			}
		}
		return lines;
	}

	private static List<ConsumerRecord<String, byte[]>> readToEnd(String bootstrapServers, String topic) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			// the end as it is now: records dead-lettered while replaying wait for the next run
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
						records.add(record);
					}
				}
			}
		}
		return records;
	}

	private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaProducer<>(config);
	}

	/** Spring Kafka writes the partition as a 4-byte big-endian int; without it the key decides. */
	private static @Nullable Integer originalPartition(ConsumerRecord<String, byte[]> record) {
		Header header = record.headers().lastHeader(ORIGINAL_PARTITION);
		return (header != null && header.value().length == Integer.BYTES) ? ByteBuffer.wrap(header.value()).getInt()
				: null;
	}

	private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<String, byte[]> record) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith(DLT_HEADERS)) {
				headers.add(header);
			}
		}
		return headers;
	}

	private static @Nullable String text(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static String describe(ConsumerRecord<String, byte[]> record) {
		return record.topic() + "/" + record.partition() + "@" + record.offset() + " key=" + record.key() + " ce_id="
				+ text(record, "ce_id");
	}

}
