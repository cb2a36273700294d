package dk.sammen.campaign;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.localstack.KafkaBroker;

/**
 * Produces to {@code sammen.events.v1} as events-service does: CloudEvents in binary mode through
 * the CloudEvents Kafka serializer, key = event id, JSON from Jackson 3.
 */
public final class EventsTopic implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final KafkaProducer<String, CloudEvent> producer;

	public EventsTopic() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		this.producer = new KafkaProducer<>(config);
	}

	/** Sends {@code payload} as a CloudEvent with {@code ceId}; returns the ce_id. */
	public String send(String ceId, String type, String key, byte[] data, @Nullable Integer partition) {
		CloudEvent event = CloudEventBuilder.v1()
			.withId(ceId)
			.withType(type)
			.withSource(URI.create("/sammen/events-service"))
			.withTime(Instant.now().atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(data)
			.build();
		try {
			this.producer.send(new ProducerRecord<>(Topics.EVENTS, partition, key, event)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return ceId;
	}

	public String published(EventSnapshotV1 snapshot) {
		return send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_PUBLISHED_V1, snapshot.id(),
				json.writeValueAsBytes(new EventPublishedV1(snapshot)), null);
	}

	public String cancelled(EventSnapshotV1 snapshot) {
		return send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_CANCELLED_V1, snapshot.id(),
				json.writeValueAsBytes(new EventCancelledV1(snapshot, "Aflyst")), null);
	}

	/** A published partner event in {@code kommuneCode}/{@code regionCode}, version {@code version}. */
	public static EventSnapshotV1 event(String id, String organisationId, String status, long version, String programme,
			@Nullable String campaign, Instant startsAt, @Nullable String kommuneCode, @Nullable String regionCode) {
		EventSnapshotV1.LocationV1 location = (kommuneCode != null) ? new EventSnapshotV1.LocationV1("Medborgerhuset",
				"Nørregade 1", "7500", "By", kommuneCode, regionCode, null, null) : null;
		EventSnapshotV1.OnlineV1 online = (kommuneCode == null) ? new EventSnapshotV1.OnlineV1("https://example.dk/live")
				: null;
		Instant created = Instant.parse("2026-01-01T10:00:00Z");
		return new EventSnapshotV1(id, organisationId, "Forening " + organisationId, status, version,
				"Fællesspisning", "Kom og spis", programme, campaign, startsAt, startsAt.plusSeconds(7200), location,
				online, List.of(), List.of(), List.of("alle"), List.of("da"), 0, 40, null, List.of(), created, created);
	}

	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
