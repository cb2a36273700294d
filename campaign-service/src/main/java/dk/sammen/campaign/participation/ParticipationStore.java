package dk.sammen.campaign.participation;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Applies event snapshots to the read model in one single-document upsert each, guarded by the
 * snapshot version: a redelivered CloudEvent (same {@code ce_id}, same version) and a snapshot
 * overtaken by a newer one change nothing, so processing is idempotent and order-safe without
 * a separate store of processed ids.
 */
@Component
class ParticipationStore {

	static final String DANMARK_SPISER_SAMMEN = "danmark-spiser-sammen";

	/** What applying a CloudEvent did, the {@code outcome} tag of {@code sammen.consumer.processed}. */
	enum Outcome {

		APPLIED, DUPLICATE, STALE;

		String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	ParticipationStore(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	Mono<Outcome> apply(EventSnapshotV1 snapshot, String ceId) {
		Instant now = this.clock.instant();
		EventSnapshotV1.LocationV1 location = snapshot.location();
		String dssWeek = DANMARK_SPISER_SAMMEN.equals(snapshot.programme())
				? DanmarkSpiserSammenWeek.containing(snapshot.startsAt()).map(ParticipationStore::key).orElse(null)
				: null;
		Query olderOrAbsent = Query.query(Criteria.where("_id").is(snapshot.id()).and("version").lt(snapshot.version()));
		Update update = new Update().set("version", snapshot.version())
			.set("status", snapshot.status())
			.set("programme", snapshot.programme())
			.set("campaign", snapshot.campaign())
			.set("organisationId", snapshot.organisationId())
			.set("kommuneCode", (location != null) ? location.kommuneCode() : null)
			.set("regionCode", (location != null) ? location.regionCode() : null)
			.set("startsAt", snapshot.startsAt())
			.set("endsAt", snapshot.endsAt())
			.set("dssWeek", dssWeek)
			.set("ceId", ceId)
			.set("appliedAt", now);
		return this.mongo.upsert(olderOrAbsent, update, Participation.class)
			.thenReturn(Outcome.APPLIED)
			// the document is there at this version or a newer one: the upsert's insert collides on _id
			.onErrorResume(DuplicateKeyException.class, (ex) -> this.mongo.findById(snapshot.id(), Participation.class)
				.map((current) -> ceId.equals(current.ceId()) ? Outcome.DUPLICATE : Outcome.STALE)
				.defaultIfEmpty(Outcome.STALE));
	}

	static String key(DanmarkSpiserSammenWeek week) {
		return week.weekBasedYear() + "-W" + week.week();
	}

}
