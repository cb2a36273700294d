package dk.sammen.notification.partner;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One mail owed to a partner organisation: asked once per confirmation of an offer (the id is the
 * offer and the time it turns stale), so a redelivered request records nothing new.
 *
 * @param status {@code pending}, {@code sending}, {@code sent}, {@code failed} or
 * {@code outcome-unknown} (a replica died while the mail was with the SMTP relay: never resent)
 * @param nextAttemptAt when a pending notice may be tried (again)
 * @param sendingSince when the mail was handed towards the relay
 */
@Document(PartnerNotice.COLLECTION)
@CompoundIndex(name = "owed", def = "{'status': 1, 'nextAttemptAt': 1}")
record PartnerNotice(@Id String id, String organisationId, String eventId, String title, Instant confirmedAt,
		Instant staleAt, Instant hiddenAt, String status, int attempts, Instant nextAttemptAt,
		@Nullable Instant sendingSince, @Nullable Instant sentAt, @Nullable String lastError) {

	static final String COLLECTION = "partner-notices";

	static final String PENDING = "pending";

	static final String SENDING = "sending";

	static final String SENT = "sent";

	static final String FAILED = "failed";

	static final String OUTCOME_UNKNOWN = "outcome-unknown";

	static String idOf(String eventId, Instant staleAt) {
		return "reconfirm:" + eventId + ":" + staleAt.toEpochMilli();
	}

}
