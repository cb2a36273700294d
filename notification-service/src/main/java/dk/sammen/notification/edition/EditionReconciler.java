package dk.sammen.notification.edition;

import java.time.Clock;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks after unfinished editions on every replica: resumes fan-outs whose owner went away, and
 * marks an edition completed once every queued delivery has ended.
 */
@Component
class EditionReconciler {

	private static final Log logger = LogFactory.getLog(EditionReconciler.class);

	private final ReactiveMongoTemplate mongo;

	private final EditionFanOut fanOut;

	private final DeliveryProgress progress;

	private final Clock clock;

	EditionReconciler(ReactiveMongoTemplate mongo, EditionFanOut fanOut, DeliveryProgress progress, Clock clock) {
		this.mongo = mongo;
		this.fanOut = fanOut;
		this.progress = progress;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${sammen.notification.editions.reconcile-interval:5s}")
	void reconcileInBackground() {
		reconcile().subscribe(null, (ex) -> logger.warn("Reconciling editions failed; trying again later", ex));
	}

	Mono<Void> reconcile() {
		Instant now = this.clock.instant();
		Flux<Void> resumed = this.mongo
			.find(Query.query(Criteria.where("status")
				.is(Edition.FANNING_OUT)
				.orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now))), Edition.class)
			.concatMap((edition) -> this.fanOut.run(edition.id()));
		Flux<Void> completed = this.mongo.find(Query.query(Criteria.where("status").is(Edition.SENDING)), Edition.class)
			.concatMap((edition) -> this.progress.of(edition.id())
				.filter((counts) -> counts.done() >= edition.targeted())
				.flatMap((counts) -> this.mongo.updateFirst(
						Query.query(Criteria.where("_id").is(edition.id()).and("status").is(Edition.SENDING)),
						new Update().set("status", Edition.COMPLETED).set("completedAt", this.clock.instant()),
						Edition.class))
				.then());
		return resumed.thenMany(completed).then();
	}

}
