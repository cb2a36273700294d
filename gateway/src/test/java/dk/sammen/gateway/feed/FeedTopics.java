package dk.sammen.gateway.feed;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.Topics;

/**
 * Publishes to {@code sammen.events.v1} and {@code sammen.campaign-activities.v1} the way the
 * services' outboxes do: CloudEvents in binary mode, keyed by the aggregate id, with Jackson 3
 * JSON payloads.
 */
final class FeedTopics implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProducer<String, CloudEvent> producer;

	FeedTopics(String bootstrapServers) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class));
	}

	/**
	 * Creates the topics as events-service and campaign-service would, unless they exist; the
	 * gateway never creates them.
	 */
	static void create(String bootstrapServers) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			for (NewTopic topic : List.of(new NewTopic(Topics.EVENTS, 6, (short) 1),
					new NewTopic(Topics.CAMPAIGN_ACTIVITIES, 3, (short) 1))) {
				try {
					admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Sends a change of a partner event and returns where it landed. */
	RecordMetadata send(String eventId, String type, Object payload) {
		return send(Topics.EVENTS, "/events-service", eventId, type, payload);
	}

	/** Sends a change of a campaign activity and returns where it landed. */
	RecordMetadata sendActivity(String activityId, String type, Object payload) {
		return send(Topics.CAMPAIGN_ACTIVITIES, "/campaign-service", activityId, type, payload);
	}

	private RecordMetadata send(String topic, String source, String key, String type, Object payload) {
		CloudEvent event = CloudEventBuilder.v1()
			.withId(UUID.randomUUID().toString())
			.withType(type)
			.withSource(URI.create(source))
			.withTime(Instant.now().atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(JSON.writeValueAsBytes(payload))
			.build();
		try {
			return this.producer.send(new ProducerRecord<>(topic, key, event)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
