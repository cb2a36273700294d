package dk.sammen.events.event;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.event.EventSnapshotV1;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner's event: the aggregate, stored as one document together with its pending CloudEvents.
 * Transitions return a new state at the next version; the caller stores it with the message the
 * transition caused, in one write.
 *
 * @param requestHash hash of the creating request when it carried an {@code Idempotency-Key}
 * @param words folded search words of the public text
 */
@Document("events")
record PartnerEvent(@Id String id, String organisationId, String organisationName, String status, long version,
		EventDetails details, List<String> words, @Nullable String cancellationReason, @Nullable String requestHash,
		Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt) {

	static PartnerEvent draft(String id, String organisationId, String organisationName, EventDetails details,
			@Nullable String requestHash, Instant now) {
		return new PartnerEvent(id, organisationId, organisationName, Vocabulary.DRAFT, 1, details,
				wordsOf(details), null, requestHash, now, now, null);
	}

	boolean isPublic() {
		return !Vocabulary.DRAFT.equals(this.status);
	}

	PartnerEvent revised(EventDetails revised, Instant now) {
		return new PartnerEvent(this.id, this.organisationId, this.organisationName, this.status, this.version + 1,
				revised, wordsOf(revised), this.cancellationReason, this.requestHash, this.createdAt, now,
				this.publishedAt);
	}

	PartnerEvent published(Instant now) {
		return new PartnerEvent(this.id, this.organisationId, this.organisationName, Vocabulary.PUBLISHED,
				this.version + 1, this.details, this.words, null, this.requestHash, this.createdAt, now, now);
	}

	PartnerEvent cancelled(String reason, Instant now) {
		return new PartnerEvent(this.id, this.organisationId, this.organisationName, Vocabulary.CANCELLED,
				this.version + 1, this.details, this.words, reason, this.requestHash, this.createdAt, now,
				this.publishedAt);
	}

	EventSnapshotV1 snapshot() {
		EventDetails d = this.details;
		EventSnapshotV1.LocationV1 location = (d.location() != null)
				? new EventSnapshotV1.LocationV1(d.location().venue(), d.location().street(), d.location().postalCode(),
						d.location().city(), d.location().kommuneCode(), d.location().regionCode(), d.location().lat(),
						d.location().lon())
				: null;
		EventSnapshotV1.OnlineV1 online = (d.online() != null) ? new EventSnapshotV1.OnlineV1(d.online().url()) : null;
		return new EventSnapshotV1(this.id, this.organisationId, this.organisationName, this.status, this.version,
				d.title(), d.description(), d.programme(), d.campaign(), d.startsAt(), d.endsAt(), location, online,
				d.arenas(), d.interventionTypes(), d.targetGroups(), d.languages(), d.priceDkk(), d.capacity(),
				d.registrationUrl(), d.accessibility(), this.createdAt, this.updatedAt);
	}

	private static List<String> wordsOf(EventDetails details) {
		return (details.location() != null)
				? SearchWords.of(details.title(), details.description(), details.location().venue(),
						details.location().city())
				: SearchWords.of(details.title(), details.description());
	}

}
