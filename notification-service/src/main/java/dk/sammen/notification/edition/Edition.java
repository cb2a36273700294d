package dk.sammen.notification.edition;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dk.sammen.notification.subscription.Frequency;
import dk.sammen.notification.subscription.Preferences;
import dk.sammen.notification.subscription.Subscriber;
import dk.sammen.platform.programme.Programmes;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One newsletter edition and how far its fan-out has come.
 *
 * @param status {@code fanning-out}, {@code sending} (every task queued) or {@code completed}
 * @param requestedBy {@code schedule}, {@code event} or the administrator's key id
 * @param cursor the id of the last subscriber the fan-out has queued tasks for
 * @param targeted how many delivery tasks the fan-out queued
 * @param leaseUntil until when {@code leaseOwner} owns the fan-out; another replica takes over after
 */
@Document(Edition.COLLECTION)
public record Edition(@Id String id, EditionKind kind, EditionSpec spec, @Indexed String status, Instant createdAt,
		String requestedBy, @Nullable String cursor, long targeted, @Nullable Instant leaseUntil,
		@Nullable String leaseOwner, @Nullable Instant fannedOutAt, @Nullable Instant completedAt) {

	static final String COLLECTION = "editions";

	static final String FANNING_OUT = "fanning-out";

	static final String SENDING = "sending";

	static final String COMPLETED = "completed";

	static Edition create(String id, EditionKind kind, EditionSpec spec, String requestedBy, Instant now) {
		return new Edition(id, kind, spec, FANNING_OUT, now, requestedBy, null, 0, null, null, null, null);
	}

	/** Whether this edition goes to {@code subscriber}, a confirmed one. */
	public boolean targets(Subscriber subscriber) {
		Preferences preferences = subscriber.preferences();
		Frequency frequency = preferences.frequency();
		return subscriber.isConfirmed() && switch (this.kind) {
			case WEEKLY_DIGEST -> frequency == Frequency.WEEKLY;
			case DSM_ANNOUNCEMENT -> preferences.follows(Programmes.DANMARK_SPISER_SAMMEN);
			case CAMPAIGN -> frequency != Frequency.DSM && preferences.follows(Programmes.VAER_EN_SOM_RAEKKER_UD);
			case INSTANT -> frequency == Frequency.INSTANT && this.spec.programme() != null
					&& preferences.follows(this.spec.programme())
					&& preferences.covers(this.spec.kommuneCode(), this.spec.regionCode());
		};
	}

}
