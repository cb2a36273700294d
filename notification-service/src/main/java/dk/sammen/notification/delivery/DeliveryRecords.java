package dk.sammen.notification.delivery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.contracts.notification.DeliveryRequestedV1;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The state changes of delivery records, each one single-document and conditional on the state the
 * caller saw (compare-and-set on {@code claimedAt}), so two workers can never both own a delivery.
 */
@Component
class DeliveryRecords {

	private final ReactiveMongoTemplate mongo;

	DeliveryRecords(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Inserts the claim of a task never seen before, already marked as sending; emits empty when a
	 * record exists already. A crash after this is an {@code outcome-unknown}, never a second copy.
	 */
	Mono<DeliveryRecord> insertSending(DeliveryRequestedV1 task, Instant now) {
		return insertNew(task, DeliveryRecord.CLAIMED, null, now, now, null);
	}

	/** Inserts a plain claim of a task never seen before, not yet sending; emits empty when a record exists already. */
	Mono<DeliveryRecord> insertClaimed(DeliveryRequestedV1 task, Instant now) {
		return insertNew(task, DeliveryRecord.CLAIMED, null, now, null, null);
	}

	/** Inserts a task never seen before as skipped; emits empty when a record exists already. */
	Mono<DeliveryRecord> insertSkipped(DeliveryRequestedV1 task, String reason, Instant now) {
		return insertNew(task, DeliveryRecord.SKIPPED, reason, now, null, now);
	}

	private Mono<DeliveryRecord> insertNew(DeliveryRequestedV1 task, String status, @Nullable String reason,
			Instant now, @Nullable Instant sendingSince, @Nullable Instant finishedAt) {
		DeliveryRecord record = new DeliveryRecord(DeliveryRecord.idOf(task.editionId(), task.subscriberId()),
				task.editionId(), task.editionKind(), task.subscriberId(), status, reason, 1, now, sendingSince, null,
				finishedAt);
		return this.mongo.insert(record).onErrorResume(DuplicateKeyException.class, (ex) -> Mono.empty());
	}

	Mono<DeliveryRecord> find(String id) {
		return this.mongo.findById(id, DeliveryRecord.class);
	}

	/** Takes over a stale claim that never started sending; empty when someone else changed it first. */
	Mono<DeliveryRecord> takeOver(DeliveryRecord stale, Instant now) {
		return this.mongo.findAndModify(current(stale).addCriteria(Criteria.where("sendingSince").is(null)),
				new Update().set("claimedAt", now).inc("attempts", 1),
				FindAndModifyOptions.options().returnNew(true), DeliveryRecord.class);
	}

	/** Records that the SMTP conversation is about to start; false when the claim is no longer ours. */
	Mono<Boolean> markSending(DeliveryRecord claim, Instant now) {
		return this.mongo.updateFirst(current(claim), new Update().set("sendingSince", now), DeliveryRecord.class)
			.map((result) -> result.getModifiedCount() == 1);
	}

	/** Ends a claimed delivery as sent, failed or skipped. */
	Mono<Boolean> finish(DeliveryRecord claim, String status, @Nullable String reason, Instant now) {
		return this.mongo
			.updateFirst(current(claim),
					new Update().set("status", status).set("reason", reason).set("finishedAt", now), DeliveryRecord.class)
			.map((result) -> result.getModifiedCount() == 1);
	}

	/**
	 * Hands a temporarily failed delivery back, as if it had never started sending: the reconciler
	 * queues it again once its lease is over, which is the pause before the next attempt.
	 */
	Mono<Boolean> release(DeliveryRecord claim, Instant now) {
		return this.mongo
			.updateFirst(current(claim), new Update().unset("sendingSince").set("claimedAt", now).set("reason", "retrying"),
					DeliveryRecord.class)
			.map((result) -> result.getModifiedCount() == 1);
	}

	/** Marks a stale claim as requeued; false when another reconciler did it first. */
	Mono<Boolean> markRequeued(DeliveryRecord stale, Instant now) {
		Query unchanged = current(stale).addCriteria((stale.requeuedAt() != null)
				? Criteria.where("requeuedAt").is(stale.requeuedAt()) : Criteria.where("requeuedAt").is(null));
		return this.mongo.updateFirst(unchanged, new Update().set("requeuedAt", now), DeliveryRecord.class)
			.map((result) -> result.getModifiedCount() == 1);
	}

	private static Query current(DeliveryRecord record) {
		return Query.query(Criteria.where("_id")
			.is(record.id())
			.and("status")
			.is(DeliveryRecord.CLAIMED)
			.and("claimedAt")
			.is(record.claimedAt()));
	}

}
