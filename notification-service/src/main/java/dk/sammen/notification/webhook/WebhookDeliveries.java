package dk.sammen.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The delivery documents: queued from Kafka, claimed with a lease so that two replicas never send
 * the same attempt at once, and finished with a compare-and-set on the lease owner and attempt
 * number, so a replica that lost its lease (it was too slow, or thought dead) changes nothing.
 */
final class WebhookDeliveries {

	private final ReactiveMongoTemplate mongo;

	private final Duration retention;

	private volatile boolean indexed;

	WebhookDeliveries(ReactiveMongoTemplate mongo, Duration retention) {
		this.mongo = mongo;
		this.retention = retention;
	}

	/** A claimed attempt: the delivery as it is now, and whether an earlier attempt was cut off. */
	record Claim(WebhookDelivery delivery, String owner, @Nullable Attempt orphaned) {

		int attempt() {
			return this.delivery.attempts();
		}

	}

	/** An attempt of the log. */
	record Attempt(int attempt, Instant at, long durationMs, @Nullable Integer httpStatus, @Nullable String error,
			@Nullable String errorClass) {

		WebhookDelivery.Attempt stored() {
			return new WebhookDelivery.Attempt(this.attempt, this.at, this.durationMs, this.httpStatus, this.error,
					this.errorClass);
		}

	}

	Mono<Void> indexes() {
		if (this.indexed) {
			return Mono.empty();
		}
		return this.mongo.indexOps(WebhookDelivery.class)
			.createIndex(new Index().on("status", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC))
			.then(this.mongo.indexOps(WebhookDelivery.class)
				.createIndex(new Index().on("endpointId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC)))
			// the delivery log keeps itself short on MongoDB; the embedded test server ignores TTL
			.then(this.mongo.indexOps(WebhookDelivery.class)
				.createIndex(new Index().on("createdAt", Sort.Direction.ASC).expire(this.retention).named("log_retention")))
			.doOnSuccess((ignored) -> this.indexed = true)
			.then();
	}

	/** Queues a delivery unless it exists: emits true when this call stored it. */
	Mono<Boolean> queue(WebhookDelivery delivery) {
		return this.mongo.insert(delivery).thenReturn(true).onErrorResume(DuplicateKeyException.class, (ex) -> Mono.just(false));
	}

	/**
	 * Claims the next due delivery for {@code owner}: a pending one whose time has come and which no
	 * live lease holds. A lease that ran out belonged to a replica that died mid-attempt; that attempt
	 * is logged as {@code lease-expired} and sent again, with the same delivery id.
	 */
	Mono<Claim> claimNext(String owner, Instant now, Duration lease) {
		Query due = Query.query(Criteria.where("status").is(WebhookDelivery.PENDING)
			.and("nextAttemptAt").lte(now)
			.orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now)))
			.with(Sort.by("nextAttemptAt"));
		Update claim = new Update().set("leaseUntil", now.plus(lease)).set("leaseOwner", owner).inc("attempts", 1);
		return this.mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(false), WebhookDelivery.class)
			.map((before) -> {
				Attempt orphaned = (before.leaseOwner() != null && before.leaseUntil() != null)
						? new Attempt(before.attempts(), before.leaseUntil().minus(lease), lease.toMillis(), null,
								"lease-expired", null)
						: null;
				WebhookDelivery claimed = new WebhookDelivery(before.id(), before.endpointId(), before.organisationId(),
						before.eventId(), before.eventType(), before.eventSource(), before.eventTime(), before.subject(),
						before.data(), before.status(), before.attempts() + 1, before.nextAttemptAt(), now.plus(lease),
						owner, before.log(), before.createdAt(), before.finishedAt(), before.reason());
				return new Claim(claimed, owner, orphaned);
			});
	}

	/** Ends the delivery as delivered, failed or abandoned; false when the lease was lost meanwhile. */
	Mono<Boolean> finish(Claim claim, String status, @Nullable Attempt attempt, @Nullable String reason, Instant now) {
		Update update = new Update().set("status", status)
			.set("finishedAt", now)
			.set("reason", reason)
			.unset("leaseUntil")
			.unset("leaseOwner");
		return complete(claim, update, attempt);
	}

	/** Hands a failed attempt back for another one at {@code nextAttemptAt}. */
	Mono<Boolean> retryAt(Claim claim, Attempt attempt, Instant nextAttemptAt) {
		Update update = new Update().set("nextAttemptAt", nextAttemptAt).unset("leaseUntil").unset("leaseOwner");
		return complete(claim, update, attempt);
	}

	private Mono<Boolean> complete(Claim claim, Update update, @Nullable Attempt attempt) {
		List<Object> entries = new ArrayList<>();
		if (claim.orphaned() != null) {
			entries.add(claim.orphaned().stored());
		}
		if (attempt != null) {
			entries.add(attempt.stored());
		}
		if (!entries.isEmpty()) {
			update.push("log").each(entries.stream().map(this::document).toArray());
		}
		Query mine = Query.query(Criteria.where("_id").is(claim.delivery().id())
			.and("leaseOwner").is(claim.owner())
			.and("attempts").is(claim.attempt()));
		return this.mongo.updateFirst(mine, update, WebhookDelivery.class).map((result) -> result.getModifiedCount() == 1);
	}

	/** Every pending delivery of an endpoint that was turned off ends, unsent. */
	Mono<Long> abandonPending(String endpointId, String reason, Instant now) {
		return this.mongo.updateMulti(Query.query(Criteria.where("endpointId").is(endpointId)
					.and("status").is(WebhookDelivery.PENDING)),
				new Update().set("status", WebhookDelivery.ABANDONED).set("reason", reason).set("finishedAt", now),
				WebhookDelivery.class)
			.map((result) -> result.getModifiedCount());
	}

	Mono<Long> deleteOf(String endpointId) {
		return this.mongo.remove(Query.query(Criteria.where("endpointId").is(endpointId)), WebhookDelivery.class)
			.map((result) -> result.getDeletedCount());
	}

	/** The log of an endpoint, newest first, after the keyset position ({@code createdAt}, id) if any. */
	Flux<WebhookDelivery> log(String endpointId, @Nullable Instant beforeCreatedAt, @Nullable String beforeId, int limit) {
		Criteria criteria = Criteria.where("endpointId").is(endpointId);
		if (beforeCreatedAt != null && beforeId != null) {
			criteria = criteria.orOperator(Criteria.where("createdAt").lt(beforeCreatedAt),
					Criteria.where("createdAt").is(beforeCreatedAt).and("_id").lt(beforeId));
		}
		return this.mongo.find(Query.query(criteria)
			.with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
			.limit(limit), WebhookDelivery.class);
	}

	Mono<Long> countPending() {
		return this.mongo.count(Query.query(Criteria.where("status").is(WebhookDelivery.PENDING)), WebhookDelivery.class);
	}

	private org.bson.Document document(Object value) {
		org.bson.Document document = new org.bson.Document();
		this.mongo.getConverter().write(value, document);
		document.remove("_class");
		return document;
	}

}
