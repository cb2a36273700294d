package dk.sammen.events.organisation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.organisation.OrganisationUpdatedV1;
import dk.sammen.platform.outbox.AggregateStore;
import dk.sammen.platform.outbox.OutboxMessage;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Announces, once, every organisation registered before {@code sammen.organisations.v1} existed, so
 * readers of that topic (notification-service's partner contacts) know every organisation, not only
 * new ones. Each announcement is the organisation's own version-checked update with its
 * {@code updated.v1} in the outbox, so replicas starting together announce each organisation once
 * and a crash leaves nothing half done.
 */
@Component
class OrganisationAnnouncer {

	private static final Log logger = LogFactory.getLog(OrganisationAnnouncer.class);

	/** A pass that lost races to concurrent changes is run again, a few times at most. */
	private static final int PASSES = 3;

	private final ReactiveMongoTemplate mongo;

	private final AggregateStore store;

	private final JsonMapper json;

	private final Clock clock;

	OrganisationAnnouncer(ReactiveMongoTemplate mongo, AggregateStore store, JsonMapper json, Clock clock) {
		this.mongo = mongo;
		this.store = store;
		this.json = json;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announceInBackground() {
		announceUnannounced().subscribe((count) -> {
			if (count > 0) {
				logger.info("Announced " + count + " organisations registered before " + Topics.ORGANISATIONS);
			}
		}, (ex) -> logger.warn("Announcing earlier organisations failed; the next start tries again", ex));
	}

	/** Announces every organisation not yet announced; emits how many this call announced. */
	Mono<Long> announceUnannounced() {
		return Flux.range(1, PASSES)
			.concatMap((pass) -> onePass())
			.takeUntil((result) -> result.lost() == 0)
			.reduce(0L, (sum, result) -> sum + result.announced());
	}

	private Mono<PassResult> onePass() {
		Query unannounced = Query.query(Criteria.where("announcedAt").is(null));
		return this.mongo.find(unannounced, Organisation.class)
			.concatMap(this::announce)
			.reduce(new PassResult(0, 0),
					(result, won) -> won ? new PassResult(result.announced() + 1, result.lost())
							: new PassResult(result.announced(), result.lost() + 1))
			.delayUntil((result) -> (result.lost() > 0) ? Mono.delay(Duration.ofMillis(200)) : Mono.empty());
	}

	private Mono<Boolean> announce(Organisation organisation) {
		Instant now = this.clock.instant();
		Organisation announced = organisation.announced(now);
		OutboxMessage message = OutboxMessage.of(Topics.ORGANISATIONS, organisation.id(),
				CloudEventTypes.ORGANISATION_UPDATED_V1, now, new OrganisationUpdatedV1(announced.snapshot()), this.json);
		return this.store.update(organisation.id(), organisation.version(), announced, List.of(message));
	}

	private record PassResult(long announced, long lost) {
	}

}
