package dk.sammen.campaign.coverage;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.readmodel.SnapshotUpserts;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies event snapshots to {@code coverage-offers}, one single-document upsert each, guarded by
 * the snapshot version: a redelivered CloudEvent and a snapshot overtaken by a newer one change
 * nothing, so processing is idempotent and order-safe without a store of processed ids.
 */
@Component
class OfferStore {

	private final SnapshotUpserts upserts;

	private final Clock clock;

	OfferStore(ReactiveMongoTemplate mongo, Clock clock) {
		this.upserts = new SnapshotUpserts(mongo);
		this.clock = clock;
	}

	Mono<SnapshotUpserts.Outcome> apply(EventSnapshotV1 snapshot, String ceId) {
		Instant now = this.clock.instant();
		EventSnapshotV1.LocationV1 location = snapshot.location();
		Offer offer = new Offer(snapshot.id(), snapshot.version(), snapshot.status(), snapshot.programme(),
				snapshot.campaign(), snapshot.organisationId(), (location != null) ? location.kommuneCode() : null,
				(location != null) ? location.regionCode() : null, (location != null) ? location.lat() : null,
				(location != null) ? location.lon() : null, snapshot.online() != null, snapshot.arenas(),
				snapshot.interventionTypes(), snapshot.targetGroups(), Integer.valueOf(0).equals(snapshot.priceDkk()),
				snapshot.startsAt(), CoverageRules.availableUntil(snapshot), ceId, now);
		return this.upserts.apply(offer, snapshot.id(), snapshot.version(), ceId);
	}

}
