package dk.sammen.campaign.coverage;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import reactor.core.publisher.Mono;

import dk.sammen.contracts.event.EventSnapshotV1;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Applies event snapshots to {@code coverage-offers}, one single-document upsert each, guarded by
 * the snapshot version: a redelivered CloudEvent and a snapshot overtaken by a newer one change
 * nothing, so processing is idempotent and order-safe without a store of processed ids.
 */
@Component
class OfferStore {

	/** What applying a CloudEvent did, the {@code outcome} tag of {@code sammen.consumer.processed}. */
	enum Outcome {

		APPLIED, DUPLICATE, STALE;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	OfferStore(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	Mono<Outcome> apply(EventSnapshotV1 snapshot, String ceId) {
		Instant now = this.clock.instant();
		EventSnapshotV1.LocationV1 location = snapshot.location();
		Query olderOrAbsent = Query.query(Criteria.where("_id").is(snapshot.id()).and("version").lt(snapshot.version()));
		Update update = new Update().set("version", snapshot.version())
			.set("status", snapshot.status())
			.set("programme", snapshot.programme())
			.set("campaign", snapshot.campaign())
			.set("organisationId", snapshot.organisationId())
			.set("kommuneCode", (location != null) ? location.kommuneCode() : null)
			.set("regionCode", (location != null) ? location.regionCode() : null)
			.set("lat", (location != null) ? location.lat() : null)
			.set("lon", (location != null) ? location.lon() : null)
			.set("online", snapshot.online() != null)
			.set("arenas", snapshot.arenas())
			.set("interventionTypes", snapshot.interventionTypes())
			.set("targetGroups", snapshot.targetGroups())
			.set("free", Integer.valueOf(0).equals(snapshot.priceDkk()))
			.set("startsAt", snapshot.startsAt())
			.set("endsAt", snapshot.endsAt())
			.set("ceId", ceId)
			.set("appliedAt", now);
		return this.mongo.upsert(olderOrAbsent, update, Offer.class)
			.thenReturn(Outcome.APPLIED)
			// the document is there at this version or a newer one: the upsert's insert collides on _id
			.onErrorResume(DuplicateKeyException.class, (ex) -> this.mongo.findById(snapshot.id(), Offer.class)
				.map((current) -> ceId.equals(current.ceId()) ? Outcome.DUPLICATE : Outcome.STALE)
				.defaultIfEmpty(Outcome.STALE));
	}

}
