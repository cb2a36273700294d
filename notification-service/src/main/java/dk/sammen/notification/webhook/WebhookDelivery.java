package dk.sammen.notification.webhook;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One CloudEvent to deliver to one endpoint, with its attempts: the unit of retrying and the entry
 * of the delivery log. The id is derived from endpoint and CloudEvent, so a Kafka redelivery finds
 * it and stores nothing twice, and it is the {@code X-Sammen-Delivery} header of every attempt.
 *
 * @param status {@code pending}, {@code delivered}, {@code failed} (given up after the last
 * attempt) or {@code abandoned} (the endpoint was deleted or turned off)
 * @param attempts attempts started, including one in flight
 * @param nextAttemptAt when a pending delivery is due
 * @param leaseUntil while set and in the future, {@code leaseOwner} is sending attempt
 * {@code attempts}; a lease that ran out means that replica died
 * @param data the CloudEvent's JSON data, sent as the request body
 * @param log one entry per finished attempt; response bodies are never kept
 */
@Document(WebhookDelivery.COLLECTION)
record WebhookDelivery(@Id String id, String endpointId, String organisationId, String eventId, String eventType,
		String eventSource, @Nullable Instant eventTime, @Nullable String subject, String data, String status,
		int attempts, Instant nextAttemptAt, @Nullable Instant leaseUntil, @Nullable String leaseOwner,
		List<Attempt> log, Instant createdAt, @Nullable Instant finishedAt, @Nullable String reason) {

	static final String COLLECTION = "webhook-deliveries";

	static final String PENDING = "pending";

	static final String DELIVERED = "delivered";

	static final String FAILED = "failed";

	static final String ABANDONED = "abandoned";

	/**
	 * One attempt as the log shows it.
	 *
	 * @param httpStatus the response status, or null when there was none
	 * @param error why there was no usable answer ({@code timeout}, {@code tls-failed},
	 * {@code refused-address}, {@code lease-expired} …), or null
	 * @param errorClass the exception behind {@code error}, e.g. {@code SSLHandshakeException}
	 */
	record Attempt(int attempt, Instant at, long durationMs, @Nullable Integer httpStatus, @Nullable String error,
			@Nullable String errorClass) {
	}

}
