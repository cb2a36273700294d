package dk.sammen.gateway.apikey;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.apikey.ApiKeyIssuedV1;
import dk.sammen.contracts.apikey.ApiKeyRevokedV1;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import org.springframework.kafka.listener.MessageListener;

/**
 * Applies {@code sammen.api-keys.v1} to the {@link ApiKeyDirectory}. A record it cannot read
 * throws, and the container's error handler logs and skips it; a type it does not know yet is
 * skipped here, so a newer publisher never stops an older gateway.
 */
final class ApiKeyEventListener implements MessageListener<String, @Nullable CloudEvent> {

	private static final Log logger = LogFactory.getLog(ApiKeyEventListener.class);

	private final ApiKeyDirectory directory;

	private final JsonMapper jsonMapper;

	ApiKeyEventListener(ApiKeyDirectory directory, JsonMapper jsonMapper) {
		this.directory = directory;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void onMessage(ConsumerRecord<String, @Nullable CloudEvent> record) {
		CloudEvent event = record.value();
		if (event == null) {
			// a tombstone: compaction's way of forgetting a key id, never a revocation by itself
			return;
		}
		switch (event.getType()) {
			case CloudEventTypes.API_KEY_ISSUED_V1 -> issued(read(event, ApiKeyIssuedV1.class));
			case CloudEventTypes.API_KEY_REVOKED_V1 -> revoked(read(event, ApiKeyRevokedV1.class));
			default -> logger.warn("Skipping CloudEvent " + event.getId() + " of unknown type " + event.getType()
					+ " at " + record.topic() + "-" + record.partition() + "@" + record.offset());
		}
	}

	private void issued(ApiKeyIssuedV1 issued) {
		require(issued.keyId(), "keyId");
		require(issued.organisationId(), "organisationId");
		require(issued.sha256(), "sha256");
		Role role = Role.fromSlug(require(issued.role(), "role"))
			.orElseThrow(() -> new IllegalArgumentException("Unknown role '" + issued.role() + "'"));
		this.directory.issued(issued.sha256(), new CallerIdentity(issued.organisationId(), role, issued.keyId()));
	}

	private void revoked(ApiKeyRevokedV1 revoked) {
		this.directory.revoked(require(revoked.keyId(), "keyId"));
	}

	private <T> T read(CloudEvent event, Class<T> type) {
		CloudEventData data = event.getData();
		if (data == null) {
			throw new IllegalArgumentException("CloudEvent " + event.getId() + " has no data");
		}
		return this.jsonMapper.readValue(data.toBytes(), type);
	}

	/** Jackson leaves a missing record component null; such a payload is as unreadable as bad JSON. */
	private static String require(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Payload lacks '" + field + "'");
		}
		return value;
	}

}
