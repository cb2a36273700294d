package dk.sammen.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.apikey.ApiKeyIssuedV1;
import dk.sammen.contracts.apikey.ApiKeyRevokedV1;
import dk.sammen.platform.identity.ApiKeySecrets;

/**
 * Publishes to {@code sammen.api-keys.v1} the way the events-service does: CloudEvents in binary
 * mode, keyed by key id, with Jackson 3 JSON payloads.
 */
final class ApiKeyTopic implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProducer<String, CloudEvent> events;

	private final KafkaProducer<String, byte[]> raw;

	ApiKeyTopic(String bootstrapServers) {
		this.events = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class));
		this.raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	/** Issues a new key and returns it; the topic only ever sees its hash. */
	String issue(String keyId, String organisationId, String role) {
		String key = ApiKeySecrets.newKey();
		issue(keyId, keyId, organisationId, role, key);
		return key;
	}

	/** Issues {@code key} on the partition of {@code recordKey}, which is normally the key id. */
	void issue(String recordKey, String keyId, String organisationId, String role, String key) {
		send(recordKey, CloudEventTypes.API_KEY_ISSUED_V1, JSON.writeValueAsBytes(
				new ApiKeyIssuedV1(keyId, organisationId, role, ApiKeySecrets.sha256(key), Instant.now())));
	}

	void revoke(String keyId, String organisationId) {
		send(keyId, CloudEventTypes.API_KEY_REVOKED_V1,
				JSON.writeValueAsBytes(new ApiKeyRevokedV1(keyId, organisationId, Instant.now())));
	}

	void send(String recordKey, String type, byte[] data) {
		CloudEvent event = CloudEventBuilder.v1()
			.withId(UUID.randomUUID().toString())
			.withType(type)
			.withSource(URI.create("/events-service"))
			.withTime(Instant.now().atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(data)
			.build();
		await(this.events.send(new ProducerRecord<>(Topics.API_KEYS, recordKey, event)));
	}

	/** A record that is not a CloudEvent at all. */
	void sendRaw(String recordKey, String value) {
		await(this.raw.send(new ProducerRecord<>(Topics.API_KEYS, recordKey, value.getBytes(StandardCharsets.UTF_8))));
	}

	private static void await(Future<?> sent) {
		try {
			sent.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Publishing to " + Topics.API_KEYS + " failed", ex);
		}
	}

	@Override
	public void close() {
		this.events.close();
		this.raw.close();
	}

}
