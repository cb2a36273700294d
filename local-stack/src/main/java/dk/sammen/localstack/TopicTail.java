package dk.sammen.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints the CloudEvents on a topic as they arrive: {@code bin/kafka-tail sammen.events.v1
 * [--from-beginning] [--bootstrap-server host:port]}. A look at the wire without installing the
 * Kafka command-line tools.
 */
public final class TopicTail {

	private TopicTail() {
	}

	public static void main(String[] args) {
		String topic = null;
		boolean fromBeginning = false;
		String bootstrap = "127.0.0.1:9092";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--from-beginning" -> fromBeginning = true;
				case "--bootstrap-server" -> bootstrap = args[++i];
				default -> topic = args[i];
			}
		}
		if (topic == null) {
			System.err.println("usage: bin/kafka-tail TOPIC [--from-beginning] [--bootstrap-server HOST:PORT]");
			System.exit(2);
		}
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			if (fromBeginning) {
				consumer.seekToBeginning(partitions);
			}
			else {
				consumer.seekToEnd(partitions);
			}
			System.err.println("Reading " + topic + " (" + partitions.size() + " partitions) on " + bootstrap
					+ "; Ctrl-C stops.");
			while (true) {
				consumer.poll(Duration.ofMillis(500)).forEach(TopicTail::print);
			}
		}
	}

	static String describe(ConsumerRecord<String, byte[]> record) {
		StringBuilder line = new StringBuilder();
		line.append("partition=").append(record.partition()).append(" offset=").append(record.offset());
		line.append(" key=").append(record.key());
		for (Header header : record.headers()) {
			line.append(' ').append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
		}
		line.append('\n').append((record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "null");
		return line.toString();
	}

	private static void print(ConsumerRecord<String, byte[]> record) {
		System.out.println(describe(record));
		System.out.flush();
	}

}
