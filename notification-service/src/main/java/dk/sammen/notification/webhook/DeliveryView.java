package dk.sammen.notification.webhook;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the delivery log: what was sent (event id and type), how it ended, and each attempt
 * with its time, HTTP status or error class and duration. Neither the body sent nor anything the
 * receiver answered is shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeliveryView(String id, String eventId, String eventType, String status, Instant createdAt,
		@Nullable Instant nextAttemptAt, @Nullable Instant finishedAt, @Nullable String reason, int attempts,
		List<AttemptView> log) {

	static DeliveryView of(WebhookDelivery delivery) {
		boolean pending = WebhookDelivery.PENDING.equals(delivery.status());
		return new DeliveryView(delivery.id(), delivery.eventId(), delivery.eventType(), delivery.status(),
				delivery.createdAt(), pending ? delivery.nextAttemptAt() : null, delivery.finishedAt(), delivery.reason(),
				delivery.attempts(), delivery.log().stream().map(AttemptView::of).toList());
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AttemptView(int attempt, Instant at, long durationMs, @Nullable Integer httpStatus, @Nullable String error,
			@Nullable String errorClass) {

		static AttemptView of(WebhookDelivery.Attempt attempt) {
			return new AttemptView(attempt.attempt(), attempt.at(), attempt.durationMs(), attempt.httpStatus(),
					attempt.error(), attempt.errorClass());
		}

	}

	/** A page of the log, newest first; {@code nextCursor} continues it. */
	record Page(List<DeliveryView> items, @Nullable String nextCursor) {
	}

}
