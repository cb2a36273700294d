package dk.sammen.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * A CloudEvent waiting in its aggregate's document to be sent.
 *
 * @param ceId the CloudEvent id ({@code ce_id}), fixed when the change is made (not named {@code id},
 * which the MongoDB mapping would store as {@code _id})
 * @param topic the Kafka topic
 * @param key the record key: the aggregate id, so one aggregate's changes stay in order
 * @param type the CloudEvent type, e.g. {@code dk.sammen.event.published.v1}
 * @param occurredAt when the change was made ({@code ce_time})
 * @param data the JSON payload
 */
public record OutboxMessage(String ceId, String topic, String key, String type, Instant occurredAt, String data) {

	/** The name of the array field holding pending messages in every aggregate document. */
	public static final String FIELD = "outbox";

	/** When the relay's current claim on a document expires. */
	public static final String LEASE_FIELD = "outboxLeaseUntil";

	/** Which relay pass holds the current claim: the claim of a batch is one update, this tells whose it is. */
	public static final String LEASE_OWNER_FIELD = "outboxLeaseOwner";

	public static OutboxMessage of(String topic, String key, String type, Instant occurredAt, Object payload,
			JsonMapper jsonMapper) {
		return new OutboxMessage(UUID.randomUUID().toString(), topic, key, type, occurredAt,
				jsonMapper.writeValueAsString(payload));
	}

}
