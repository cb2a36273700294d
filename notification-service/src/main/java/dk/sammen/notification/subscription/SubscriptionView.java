package dk.sammen.notification.subscription;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Everything stored about a subscriber, as {@code GET /api/v1/subscriptions/me} shows it. */
record SubscriptionView(String email, String status, List<String> kommuner, List<String> regions,
		List<String> programmes, String language, String frequency, Instant createdAt, @Nullable Instant confirmedAt,
		@Nullable Instant unsubscribedAt, List<Consent> consents) {

	static SubscriptionView of(Subscriber subscriber) {
		Preferences preferences = subscriber.preferences();
		return new SubscriptionView(subscriber.email(), subscriber.status().name().toLowerCase(java.util.Locale.ROOT),
				preferences.kommuner(), preferences.regions(), preferences.programmes(), preferences.language().code(),
				preferences.frequency().slug(), subscriber.createdAt(), subscriber.confirmedAt(),
				subscriber.unsubscribedAt(), subscriber.consents());
	}

}
