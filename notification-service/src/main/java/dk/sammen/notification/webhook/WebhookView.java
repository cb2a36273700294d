package dk.sammen.notification.webhook;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint as its owner sees it. {@code secret} only in the answers that create it (registration
 * and rotation): it is never shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookView(String id, String url, List<String> types, String status, Instant createdAt, Instant updatedAt,
		@Nullable Instant secretRotatedAt, @Nullable Instant previousSecretValidUntil, long consecutiveFailures,
		@Nullable Instant failingSince, @Nullable Instant lastSuccessAt, @Nullable Instant lastFailureAt,
		@Nullable String lastError, @Nullable Instant disabledAt, @Nullable String disabledReason,
		@Nullable String secret) {

	static WebhookView of(WebhookEndpoint endpoint, Instant now) {
		Instant previousUntil = (endpoint.previousSecretUntil() != null && now.isBefore(endpoint.previousSecretUntil()))
				? endpoint.previousSecretUntil() : null;
		return new WebhookView(endpoint.id(), endpoint.url(), endpoint.types(), endpoint.status(), endpoint.createdAt(),
				endpoint.updatedAt(), endpoint.secretRotatedAt(), previousUntil, endpoint.consecutiveFailures(),
				endpoint.failingSince(), endpoint.lastSuccessAt(), endpoint.lastFailureAt(), endpoint.lastError(),
				endpoint.disabledAt(), endpoint.disabledReason(), null);
	}

	WebhookView withSecret(String shownOnce) {
		return new WebhookView(this.id, this.url, this.types, this.status, this.createdAt, this.updatedAt,
				this.secretRotatedAt, this.previousSecretValidUntil, this.consecutiveFailures, this.failingSince,
				this.lastSuccessAt, this.lastFailureAt, this.lastError, this.disabledAt, this.disabledReason, shownOnce);
	}

}
