package dk.sammen.campaign.participation;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import dk.sammen.platform.readmodel.SnapshotUpserts;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
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

	private final SnapshotUpserts upserts;

	private final Clock clock;

	ParticipationStore(ReactiveMongoTemplate mongo, Clock clock) {
		this.upserts = new SnapshotUpserts(mongo);
		this.clock = clock;
	}

	Mono<SnapshotUpserts.Outcome> apply(EventSnapshotV1 snapshot, String ceId) {
		Instant now = this.clock.instant();
		EventSnapshotV1.LocationV1 location = snapshot.location();
		String dssWeek = DANMARK_SPISER_SAMMEN.equals(snapshot.programme())
				? DanmarkSpiserSammenWeek.containing(snapshot.startsAt()).map(ParticipationStore::key).orElse(null)
				: null;
		Participation participation = new Participation(snapshot.id(), snapshot.version(), snapshot.status(),
				snapshot.programme(), snapshot.campaign(), snapshot.organisationId(),
				(location != null) ? location.kommuneCode() : null, (location != null) ? location.regionCode() : null,
				snapshot.startsAt(), snapshot.endsAt(), dssWeek, ceId, now);
		return this.upserts.apply(participation, snapshot.id(), snapshot.version(), ceId);
	}

	static String key(DanmarkSpiserSammenWeek week) {
		return week.weekBasedYear() + "-W" + week.week();
	}

}
