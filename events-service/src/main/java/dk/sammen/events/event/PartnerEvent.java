package dk.sammen.events.event;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.text.SearchWords;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner's event: the aggregate, stored as one document together with its pending CloudEvents.
 * Transitions return a new state at the next version; the caller stores it with the message the
 * transition caused, in one write. The indexes serve the public listing's filters in
 * {@code startsAt} order, the owner's listing, the change feed in {@code updatedAt} order and the
 * relay's search for pending messages.
 * <p>
 * Deleting a draft turns its document into a tombstone (status {@code deleted}, content removed) so
 * that the change feed can tell mirrors about it; every other read treats a tombstone as absent
 * and never maps one to this record.
 *
 * @param externalId the partner's own id, immutable: the event id is derived from it
 * @param updatedAt when the last change was stored; also the event's position in the change feed
 * @param requestHash hash of the creating request when it carried an {@code Idempotency-Key}
 * @param words folded search words of the public text
 */
@Document("events")
@CompoundIndex(name = "public_by_start", def = "{'status': 1, 'details.startsAt': 1, '_id': 1}")
@CompoundIndex(name = "own_by_start", def = "{'organisationId': 1, 'status': 1, 'details.startsAt': 1}")
@CompoundIndex(name = "kommune_by_start", def = "{'details.location.kommuneCode': 1, 'details.startsAt': 1}")
@CompoundIndex(name = "region_by_start", def = "{'details.location.regionCode': 1, 'details.startsAt': 1}")
@CompoundIndex(name = "programme_by_start", def = "{'details.programme': 1, 'details.startsAt': 1}")
@CompoundIndex(name = "campaign_by_start", def = "{'details.campaign': 1, 'details.startsAt': 1}")
@CompoundIndex(name = "position", def = "{'details.location.lat': 1, 'details.location.lon': 1}")
@CompoundIndex(name = "words", def = "{'words': 1}")
@CompoundIndex(name = "series_by_end", def = "{'details.schedule.seriesEndsAt': 1, 'status': 1}")
@CompoundIndex(name = "reminders_due", def = "{'freshness.reminded': 1, 'freshness.remindAt': 1}")
@CompoundIndex(name = "changes", def = "{'updatedAt': 1, '_id': 1}")
@CompoundIndex(name = "own_changes", def = "{'organisationId': 1, 'updatedAt': 1, '_id': 1}")
@CompoundIndex(name = "outbox_pending", def = "{'outbox.0': 1}", sparse = true)
record PartnerEvent(@Id String id, @Nullable String externalId, String organisationId, String organisationName,
		String status, long version, EventDetails details, List<String> words, @Nullable String cancellationReason,
		@Nullable String requestHash, Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt,
		@Nullable Freshness freshness) {

	static PartnerEvent draft(String id, @Nullable String externalId, String organisationId, String organisationName,
			EventDetails details, @Nullable String requestHash, Instant now) {
		return new PartnerEvent(id, externalId, organisationId, organisationName, Vocabulary.DRAFT, 1, details,
				wordsOf(details), null, requestHash, now, now, null, null);
	}

	boolean isPublic() {
		return Vocabulary.PUBLISHED.equals(this.status) || Vocabulary.CANCELLED.equals(this.status);
	}

	PartnerEvent revised(EventDetails revised, Instant now) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName, this.status,
				this.version + 1, revised, wordsOf(revised), this.cancellationReason, this.requestHash, this.createdAt,
				now, this.publishedAt, this.freshness);
	}

	PartnerEvent published(Instant now) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName,
				Vocabulary.PUBLISHED, this.version + 1, this.details, this.words, null, this.requestHash, this.createdAt,
				now, now, this.freshness);
	}

	/** A draft revised and published in one change, as an upsert that publishes does. */
	PartnerEvent revisedAndPublished(EventDetails revised, Instant now) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName,
				Vocabulary.PUBLISHED, this.version + 1, revised, wordsOf(revised), null, this.requestHash,
				this.createdAt, now, now, this.freshness);
	}

	PartnerEvent cancelled(String reason, Instant now) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName,
				Vocabulary.CANCELLED, this.version + 1, this.details, this.words, reason, this.requestHash,
				this.createdAt, now, this.publishedAt, this.freshness);
	}

	/**
	 * This state as the successor of a tombstone at {@code tombstoneVersion}: versions keep rising
	 * across a delete, so an ETag of the deleted draft never matches the new one.
	 */
	PartnerEvent succeeding(long tombstoneVersion) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName, this.status,
				tombstoneVersion + this.version, this.details, this.words, this.cancellationReason, this.requestHash,
				this.createdAt, this.updatedAt, this.publishedAt, this.freshness);
	}

	/** The same change, stored later: see {@link LateWrites}. */
	PartnerEvent restamped(Instant updatedAt) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName, this.status,
				this.version, this.details, this.words, this.cancellationReason, this.requestHash, this.createdAt,
				updatedAt, this.publishedAt, this.freshness);
	}

	/** The same state with a new freshness: part of the transition that confirmed the offer. */
	PartnerEvent withFreshness(Freshness freshness) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName, this.status,
				this.version, this.details, this.words, this.cancellationReason, this.requestHash, this.createdAt,
				this.updatedAt, this.publishedAt, freshness);
	}

	/** Re-confirmed by its organisation without other change. */
	PartnerEvent confirmed(Freshness freshness, Instant now) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName, this.status,
				this.version + 1, this.details, this.words, this.cancellationReason, this.requestHash, this.createdAt,
				now, this.publishedAt, freshness);
	}

	/** Marked as reminded to re-confirm; a new version, so two sweeps cannot both remind. */
	PartnerEvent reminded(Freshness reminded) {
		return new PartnerEvent(this.id, this.externalId, this.organisationId, this.organisationName, this.status,
				this.version + 1, this.details, this.words, this.cancellationReason, this.requestHash, this.createdAt,
				this.updatedAt, this.publishedAt, reminded);
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
				d.registrationUrl(), d.accessibility(), d.welcome(), d.welcomeNote(), d.transportNote(),
				(d.schedule() != null) ? schedule(d.schedule()) : null,
				(this.freshness != null) ? this.freshness.hiddenAt() : null, this.createdAt, this.updatedAt);
	}

	private static EventSnapshotV1.ScheduleV1 schedule(EventDetails.Schedule schedule) {
		return new EventSnapshotV1.ScheduleV1(schedule.rrule(), schedule.exdates(),
				schedule.cancelled()
					.stream()
					.map((occurrence) -> new EventSnapshotV1.CancelledOccurrenceV1(occurrence.date(),
							occurrence.reason()))
					.toList(),
				schedule.seriesEndsAt());
	}

	private static List<String> wordsOf(EventDetails details) {
		return (details.location() != null)
				? SearchWords.of(details.title(), details.description(), details.location().venue(),
						details.location().city())
				: SearchWords.of(details.title(), details.description());
	}

}
