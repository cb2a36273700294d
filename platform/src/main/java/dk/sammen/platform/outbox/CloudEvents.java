package dk.sammen.platform.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The producer the relay uses: CloudEvents in binary mode, idempotent, acknowledged by all replicas. */
public final class CloudEvents {

	private CloudEvents() {
	}

	/** A binary-mode CloudEvent record with a JSON payload, keyed so one aggregate's events stay in order. */
	public static ProducerRecord<String, CloudEvent> record(OutboxMessage message, URI source) {
		CloudEvent event = CloudEventBuilder.v1()
			.withId(message.ceId())
			.withType(message.type())
			.withSource(source)
			.withTime(message.occurredAt().atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(message.data().getBytes(StandardCharsets.UTF_8))
			.build();
		return new ProducerRecord<>(message.topic(), message.key(), event);
	}

	public static KafkaTemplate<String, CloudEvent> kafkaTemplate(KafkaProperties properties) {
		Map<String, Object> config = properties.buildProducerProperties();
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		// fail fast while the broker is away; the outbox keeps the message and retries
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
		DefaultKafkaProducerFactory<String, CloudEvent> factory = new DefaultKafkaProducerFactory<>(config);
		KafkaTemplate<String, CloudEvent> template = new KafkaTemplate<>(factory);
		template.setObservationEnabled(true);
		return template;
	}

}
