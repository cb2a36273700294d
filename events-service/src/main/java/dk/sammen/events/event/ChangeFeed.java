package dk.sammen.events.event;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The change feed partner systems mirror from (CONTRACT section 9): every event whose state
 * changed after a cursor, once, with its whole current state, or as a tombstone if its draft was
 * deleted. Keyset paging on ({@code updatedAt}, id), only over changes older than the settle lag
 * (see {@link ChangesProperties}), so a change still on its way cannot be passed.
 */
@Component
class ChangeFeed {

	static final String CHANGED_AT = "updatedAt";

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	private final ChangesProperties properties;

	ChangeFeed(ReactiveMongoTemplate mongo, Clock clock, ChangesProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.properties = properties;
	}

	/** One changed event: its state now, or {@code deleted} and nothing else. */
	record Change(String id, @Nullable String externalId, boolean deleted, OffsetDateTime changedAt,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable EventResponse event) {
	}

	/** A page of changes; {@code nextCursor} is where to go on from, now or much later. */
	record Page(List<Change> changes, String nextCursor) {
	}

	/**
	 * Changes after {@code since} (from the beginning if null) that {@code caller} may see: its
	 * organisation's events in every state, or every organisation's for an admin.
	 */
	Mono<Page> changes(CallerIdentity caller, @Nullable ChangeCursor since, int limit) {
		Instant now = this.clock.instant();
		Instant settled = now.minus(this.properties.settleLag()).truncatedTo(ChronoUnit.MILLIS);
		// a first page starts a copy: everything the client will hold is read from now on
		Instant origin = (since != null) ? since.origin() : now;
		List<Criteria> criteria = new ArrayList<>();
		if (!caller.isAdmin()) {
			criteria.add(Criteria.where("organisationId").is(caller.organisationId()));
		}
		criteria.add(Criteria.where(CHANGED_AT).lte(settled));
		if (since != null) {
			criteria.add(since.successors(CHANGED_AT));
		}
		Query query = Query.query(new Criteria().andOperator(criteria))
			.with(Sort.by(CHANGED_AT).ascending().and(Sort.by("_id").ascending()))
			.limit(limit + 1);
		return this.mongo.find(query, Document.class, this.mongo.getCollectionName(PartnerEvent.class))
			.collectList()
			.map((documents) -> {
				// checked after reading: whatever the read could have missed was purged before it,
				// so by a purger whose cut-off is older than this one (TombstonePurge)
				if (since != null && since.mayMissTombstonesRemovedBefore(
						this.clock.instant().minus(this.properties.tombstoneRetention()))) {
					throw expired();
				}
				boolean more = documents.size() > limit;
				List<Document> served = more ? documents.subList(0, limit) : documents;
				ChangeCursor next;
				if (more) {
					Document last = served.get(served.size() - 1);
					next = ChangeCursor.after(changedAt(last), last.getString("_id"), origin);
				}
				else {
					// caught up: everything up to the settled time has been served, so a quiet
					// client's cursor keeps moving and never ages past the tombstone retention
					next = ChangeCursor.through(settled, origin);
					next = (since != null) ? next.atLeast(since) : next;
				}
				return new Page(served.stream().map(this::change).toList(), next.encode());
			});
	}

	private Change change(Document document) {
		String id = document.getString("_id");
		OffsetDateTime changedAt = changedAt(document).atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toOffsetDateTime();
		if (Vocabulary.DELETED.equals(document.getString("status"))) {
			return new Change(id, document.getString("externalId"), true, changedAt, null);
		}
		PartnerEvent event = this.mongo.getConverter().read(PartnerEvent.class, document);
		return new Change(id, event.externalId(), false, changedAt, EventResponse.of(event));
	}

	private static Instant changedAt(Document document) {
		return document.getDate(CHANGED_AT).toInstant();
	}

	private ApiProblem expired() {
		return new ApiProblem(HttpStatus.GONE, "cursor-expired", "The cursor is too old",
				"Deletions older than " + this.properties.tombstoneRetention().toDays()
						+ " days are no longer kept, so this cursor cannot say what changed since. Copy everything"
						+ " again: start without 'since', replace your copy with what you get, and go on from its"
						+ " nextCursor");
	}

}
