package dk.sammen.notification.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A subscriber, one document per address. Its pending confirmation mails sit in the document's
 * outbox, so "subscribed" and "a confirmation mail is owed" are written in one atomic step.
 *
 * @param email the address, trimmed and lower-cased
 * @param mailRequests how many confirmation or already-subscribed mails were requested; numbers
 * each such mail so every one is its own delivery
 * @param version optimistic lock
 */
@Document(Subscriber.COLLECTION)
public record Subscriber(@Id String id, @Indexed(unique = true) String email, SubscriberStatus status,
		Preferences preferences, List<Consent> consents, int mailRequests, Instant createdAt,
		@Nullable Instant confirmedAt, @Nullable Instant unsubscribedAt, long version) {

	public static final String COLLECTION = "subscribers";

	public Subscriber {
		consents = List.copyOf(consents);
	}

	public boolean isConfirmed() {
		return this.status == SubscriberStatus.CONFIRMED;
	}

	Subscriber with(SubscriberStatus newStatus, Preferences newPreferences, Consent consent, int newMailRequests,
			@Nullable Instant newConfirmedAt, @Nullable Instant newUnsubscribedAt) {
		List<Consent> history = new ArrayList<>(this.consents);
		history.add(consent);
		return new Subscriber(this.id, this.email, newStatus, newPreferences, history, newMailRequests, this.createdAt,
				newConfirmedAt, newUnsubscribedAt, this.version + 1);
	}

}
