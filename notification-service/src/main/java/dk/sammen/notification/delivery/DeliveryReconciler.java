package dk.sammen.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dk.sammen.notification.edition.DeliveryProgress;
import dk.sammen.notification.edition.DeliveryTasks;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles deliveries whose worker went away, and counts progress. A stale claim that never started
 * sending is queued again (the worker that gets it takes the claim over); one that died while
 * sending is closed as {@code outcome-unknown} by the next worker or here. Every replica runs
 * this; the compare-and-set on the record makes each step happen once.
 */
@Component
class DeliveryReconciler implements DeliveryProgress {

	private static final Log logger = LogFactory.getLog(DeliveryReconciler.class);

	private final ReactiveMongoTemplate mongo;

	private final DeliveryRecords records;

	private final DeliveryTasks tasks;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final AtomicLong stale = new AtomicLong();

	private final AtomicLong claimed = new AtomicLong();

	DeliveryReconciler(ReactiveMongoTemplate mongo, DeliveryRecords records, DeliveryTasks tasks,
			DeliveryProperties properties, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.records = records;
		this.tasks = tasks;
		this.properties = properties;
		this.clock = clock;
		Gauge.builder("sammen.notification.deliveries.stale", this.stale, AtomicLong::get)
			.description("Claimed deliveries whose worker has not finished within the claim lease")
			.register(meters);
		Gauge.builder("sammen.notification.deliveries.claimed", this.claimed, AtomicLong::get)
			.description("Deliveries claimed and not yet finished: the sending backlog in hand")
			.register(meters);
	}

	@Override
	public Mono<Counts> of(String editionId) {
		return Mono.zip(count(editionId, DeliveryRecord.SENT), count(editionId, DeliveryRecord.FAILED),
				count(editionId, DeliveryRecord.SKIPPED))
			.map((counts) -> new Counts(counts.getT1(), counts.getT2(), counts.getT3()));
	}

	private Mono<Long> count(String editionId, String status) {
		return this.mongo.count(Query.query(Criteria.where("editionId").is(editionId).and("status").is(status)),
				DeliveryRecord.class);
	}

	@Scheduled(fixedDelayString = "${sammen.notification.delivery.reconcile-interval:10s}")
	void reconcileInBackground() {
		reconcile().subscribe(null, (ex) -> logger.warn("Reconciling deliveries failed; trying again later", ex));
	}

	Mono<Void> reconcile() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Instant staleBefore = now.minus(this.properties.claimLease());
		Query staleClaims = Query.query(Criteria.where("status").is(DeliveryRecord.CLAIMED).and("claimedAt").lt(staleBefore));
		Mono<Void> backlog = this.mongo
			.count(Query.query(Criteria.where("status").is(DeliveryRecord.CLAIMED)), DeliveryRecord.class)
			.doOnNext(this.claimed::set)
			.then();
		return backlog.then(this.mongo.find(staleClaims, DeliveryRecord.class)
			.collectList()
			.doOnNext((found) -> this.stale.set(found.size()))
			.flatMapIterable((found) -> found)
			.concatMap((record) -> settle(record, now, staleBefore))
			.then());
	}

	private Mono<Void> settle(DeliveryRecord record, Instant now, Instant staleBefore) {
		if (record.sendingSince() != null) {
			return this.records.finish(record, DeliveryRecord.FAILED, "outcome-unknown", now).then();
		}
		boolean requeuedLately = record.requeuedAt() != null && record.requeuedAt().isAfter(staleBefore);
		if (requeuedLately) {
			return Mono.empty();
		}
		return this.records.markRequeued(record, now)
			.filter(Boolean::booleanValue)
			.flatMap((won) -> this.tasks.queue(record.editionId(), record.editionKind(), record.subscriberId()));
	}

}
