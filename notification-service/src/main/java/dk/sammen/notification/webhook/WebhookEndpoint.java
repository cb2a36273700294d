package dk.sammen.notification.webhook;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner's webhook endpoint.
 *
 * @param slot 0 … max-endpoints-per-organisation − 1, unique per organisation (a unique index), so
 * the limit holds even when two registrations race
 * @param sealedSecret the signing secret, encrypted ({@link SecretBox})
 * @param sealedPreviousSecret the secret before the last rotation, still signing until
 * {@code previousSecretUntil}
 * @param consecutiveFailures failed attempts since the last success
 * @param failingSince the first of those failures
 * @param disabledReason {@code failing} when the platform turned it off
 * @param noticeSentAt when the partner was told it was turned off
 * @param noticeLeaseUntil a replica is sending that mail until then
 */
@Document(WebhookEndpoint.COLLECTION)
record WebhookEndpoint(@Id String id, String organisationId, int slot, String url, List<String> types, String status,
		String sealedSecret, @Nullable String sealedPreviousSecret, @Nullable Instant previousSecretUntil,
		Instant createdAt, Instant updatedAt, @Nullable Instant secretRotatedAt, long consecutiveFailures,
		@Nullable Instant failingSince, @Nullable Instant lastSuccessAt, @Nullable Instant lastFailureAt,
		@Nullable String lastError, @Nullable Instant disabledAt, @Nullable String disabledReason,
		@Nullable Instant noticeSentAt, @Nullable Instant noticeLeaseUntil) {

	static final String COLLECTION = "webhook-endpoints";

	static final String ACTIVE = "active";

	static final String DISABLED = "disabled";

	static final String FAILING = "failing";

	boolean isActive() {
		return ACTIVE.equals(this.status);
	}

}
