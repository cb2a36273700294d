package dk.sammen.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class KafkaBrokerTest {

	@TempDir
	Path directory;

	private final List<KafkaBroker> brokers = new ArrayList<>();

	@AfterEach
	void stopBrokers() {
		this.brokers.forEach(KafkaBroker::kill);
	}

	@Test
	void start_producesAndConsumesARecord() throws Exception {
		KafkaBroker broker = KafkaBroker.shared();

		assertThat(broker.isRunning()).isTrue();
		assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
		createTopic(broker, "greetings");
		send(broker, "greetings", "hej");
		assertThat(readAll(broker, "greetings")).containsExactly("hej");
	}

	@Test
	void send_toAnUnknownTopic_createsIt() throws Exception {
		KafkaBroker broker = KafkaBroker.shared();

		send(broker, "auto-created", "hej");

		assertThat(readAll(broker, "auto-created")).containsExactly("hej");
	}

	@Test
	void shared_isOneRunningBrokerPerJvm() {
		assertThat(KafkaBroker.shared()).isSameAs(KafkaBroker.shared());
		assertThat(KafkaBroker.shared().isRunning()).isTrue();
	}

	@Test
	void restart_keepsTopicsAndMessagesAndPort() throws Exception {
		KafkaBroker broker = started();
		int port = broker.port();
		createTopic(broker, "kept");
		send(broker, "kept", "before restart");

		broker.stop();
		assertThat(broker.isRunning()).isFalse();
		broker.start();

		assertThat(broker.port()).isEqualTo(port);
		assertThat(topics(broker)).contains("kept");
		assertThat(readAll(broker, "kept")).containsExactly("before restart");
	}

	@Test
	void killAndStart_recoversTheData() throws Exception {
		KafkaBroker broker = started();
		createTopic(broker, "crashed");
		send(broker, "crashed", "before crash");
		var exit = broker.onExit();

		broker.kill();
		await().atMost(Duration.ofSeconds(5)).until(exit::isDone);
		assertThat(broker.isRunning()).isFalse();
		broker.start();

		send(broker, "crashed", "after crash");
		assertThat(readAll(broker, "crashed")).containsExactly("before crash", "after crash");
	}

	@Test
	void start_whenTheDirectoryIsReusedByANewInstance_keepsTheData() throws Exception {
		KafkaBroker first = started();
		createTopic(first, "handed-over");
		send(first, "handed-over", "from the first");
		first.stop();

		KafkaBroker second = started();

		assertThat(readAll(second, "handed-over")).containsExactly("from the first");
	}

	@Test
	void start_whenThePortIsTaken_failsNamingThePort() {
		KafkaBroker first = KafkaBroker.shared();
		KafkaBroker second = KafkaBroker.builder()
			.port(first.port())
			.dataDirectory(this.directory.resolve("second"))
			.build();
		this.brokers.add(second);

		assertThatIllegalStateException().isThrownBy(second::start)
			.withMessageContaining("Port " + first.port())
			.withMessageContaining("already in use");
		assertThat(second.isRunning()).isFalse();
	}

	@Test
	void start_whenTheJvmCannotStart_failsWithTheLogTail() {
		KafkaBroker broker = KafkaBroker.builder()
			.dataDirectory(this.directory.resolve("kafka"))
			.maxHeap("1k")
			.build();
		this.brokers.add(broker);

		assertThatIllegalStateException().isThrownBy(broker::start)
			.withMessageContaining("exit code 1")
			.withMessageContaining("last lines of")
			.withMessageContaining("heap");
	}

	private KafkaBroker started() {
		KafkaBroker broker = KafkaBroker.builder()
			.dataDirectory(this.directory.resolve("kafka"))
			.logFile(this.directory.resolve("logs/kafka.log"))
			.build();
		this.brokers.add(broker);
		broker.start();
		return broker;
	}

	private static void createTopic(KafkaBroker broker, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private static Set<String> topics(KafkaBroker broker) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
			return admin.listTopics().names().get(30, TimeUnit.SECONDS);
		}
	}

	private static void send(KafkaBroker broker, String topic, String value) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all");
		try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
		}
	}

	private static List<String> readAll(KafkaBroker broker, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
		TopicPartition partition = new TopicPartition(topic, 0);
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
			List<String> values = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
				return consumer.position(partition) >= end;
			});
			return values;
		}
	}

}
