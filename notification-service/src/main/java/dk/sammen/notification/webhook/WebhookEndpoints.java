package dk.sammen.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;

/**
 * The endpoint documents. Every change is one single-document update, conditional where two
 * replicas could race (turning off, the notice mail).
 */
final class WebhookEndpoints {

	private final ReactiveMongoTemplate mongo;

	private final int maxPerOrganisation;

	private volatile boolean indexed;

	WebhookEndpoints(ReactiveMongoTemplate mongo, int maxPerOrganisation) {
		this.mongo = mongo;
		this.maxPerOrganisation = maxPerOrganisation;
	}

	/** The unique slot index that enforces the limit; created before the first registration. */
	Mono<Void> indexes() {
		if (this.indexed) {
			return Mono.empty();
		}
		return this.mongo.indexOps(WebhookEndpoint.class)
			.createIndex(new Index().on("organisationId", Sort.Direction.ASC).on("slot", Sort.Direction.ASC).unique()
				.named("organisation_slot"))
			.then(this.mongo.indexOps(WebhookEndpoint.class)
				.createIndex(new Index().on("status", Sort.Direction.ASC).on("noticeSentAt", Sort.Direction.ASC)))
			.doOnSuccess((ignored) -> this.indexed = true)
			.then();
	}

	/**
	 * Inserts {@code endpoint} in the organisation's first free slot; a slot taken concurrently moves
	 * it to the next. 409 when every slot is taken.
	 */
	Mono<WebhookEndpoint> insert(WebhookEndpoint endpoint) {
		return indexes().then(Mono.defer(() -> usedSlots(endpoint.organisationId())).flatMap((used) -> {
			int free = IntStream.range(0, this.maxPerOrganisation).filter((slot) -> !used.contains(slot)).findFirst()
				.orElse(-1);
			if (free < 0) {
				return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "limit-reached", "Limit reached",
						"An organisation may have at most " + this.maxPerOrganisation
								+ " webhook endpoints; delete one first"));
			}
			return this.mongo.insert(withSlot(endpoint, free));
		}).retryWhen(reactor.util.retry.Retry.max(this.maxPerOrganisation).filter(DuplicateKeyException.class::isInstance)));
	}

	private Mono<Set<Integer>> usedSlots(String organisationId) {
		return ofOrganisation(organisationId).map(WebhookEndpoint::slot).collect(Collectors.toSet());
	}

	Flux<WebhookEndpoint> ofOrganisation(String organisationId) {
		return this.mongo.find(Query.query(Criteria.where("organisationId").is(organisationId))
			.with(Sort.by("createdAt", "_id")), WebhookEndpoint.class);
	}

	/** The endpoint if it belongs to the organisation; otherwise 404, the same as if it did not exist. */
	Mono<WebhookEndpoint> owned(String organisationId, String id) {
		return this.mongo.findOne(Query.query(Criteria.where("_id").is(id).and("organisationId").is(organisationId)),
				WebhookEndpoint.class)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No webhook " + id)));
	}

	Mono<WebhookEndpoint> find(String id) {
		return this.mongo.findById(id, WebhookEndpoint.class);
	}

	/** Active endpoints of the organisation that want {@code type} and existed when it happened. */
	Flux<WebhookEndpoint> subscribers(String organisationId, String type, Instant happenedAt) {
		return this.mongo.find(Query.query(Criteria.where("organisationId").is(organisationId)
			.and("status").is(WebhookEndpoint.ACTIVE)
			.and("types").is(type)
			.and("createdAt").lte(happenedAt)), WebhookEndpoint.class);
	}

	Mono<Boolean> delete(String organisationId, String id) {
		return this.mongo.remove(Query.query(Criteria.where("_id").is(id).and("organisationId").is(organisationId)),
				WebhookEndpoint.class)
			.map((result) -> result.getDeletedCount() == 1);
	}

	/** A new secret; the old one signs alongside it until {@code previousUntil}. */
	Mono<WebhookEndpoint> rotate(WebhookEndpoint current, String sealedSecret, String sealedPrevious,
			Instant previousUntil, Instant now) {
		return modify(Query.query(Criteria.where("_id").is(current.id()).and("sealedSecret").is(current.sealedSecret())),
				new Update().set("sealedSecret", sealedSecret)
					.set("sealedPreviousSecret", sealedPrevious)
					.set("previousSecretUntil", previousUntil)
					.set("secretRotatedAt", now)
					.set("updatedAt", now))
			.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("The secret was rotated concurrently; try again")));
	}

	/** Turned on again: the failure count starts over. */
	Mono<WebhookEndpoint> enable(WebhookEndpoint current, Instant now) {
		return modify(Query.query(Criteria.where("_id").is(current.id())),
				new Update().set("status", WebhookEndpoint.ACTIVE)
					.set("consecutiveFailures", 0L)
					.set("failingSince", null)
					.set("disabledAt", null)
					.set("disabledReason", null)
					.set("noticeSentAt", null)
					.set("noticeLeaseUntil", null)
					.set("updatedAt", now));
	}

	Mono<Void> recordSuccess(String id, Instant now) {
		return this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("consecutiveFailures", 0L).set("failingSince", null).set("lastSuccessAt", now),
				WebhookEndpoint.class)
			.then();
	}

	/** Counts a failed attempt; emits the endpoint as it is afterwards (empty if it was deleted). */
	Mono<WebhookEndpoint> recordFailure(String id, String error, Instant now) {
		Query endpoint = Query.query(Criteria.where("_id").is(id));
		// $min would keep a null, which sorts before every date: set the start of the run only when there is none
		return this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("failingSince").is(null)),
				new Update().set("failingSince", now), WebhookEndpoint.class)
			.then(modify(endpoint, new Update().inc("consecutiveFailures", 1L).set("lastFailureAt", now)
				.set("lastError", error)));
	}

	/** Turns a failing endpoint off; emits it when this call did, empty when it was off already. */
	Mono<WebhookEndpoint> disable(WebhookEndpoint failing, Instant now) {
		return modify(Query.query(Criteria.where("_id").is(failing.id()).and("status").is(WebhookEndpoint.ACTIVE)),
				new Update().set("status", WebhookEndpoint.DISABLED)
					.set("disabledAt", now)
					.set("disabledReason", WebhookEndpoint.FAILING)
					.set("noticeSentAt", null)
					.set("updatedAt", now));
	}

	/** Endpoints turned off whose partner has not been told yet, each claimed for one replica. */
	Flux<WebhookEndpoint> claimUnnoticed(Instant now, Duration lease) {
		Query unnoticed = Query.query(Criteria.where("status").is(WebhookEndpoint.DISABLED)
			.and("disabledReason").is(WebhookEndpoint.FAILING)
			.and("noticeSentAt").is(null)
			.orOperator(Criteria.where("noticeLeaseUntil").is(null), Criteria.where("noticeLeaseUntil").lt(now)));
		Mono<WebhookEndpoint> next = Mono.defer(() -> modify(unnoticed, new Update().set("noticeLeaseUntil", now.plus(lease))));
		return next.expand((claimed) -> next);
	}

	Mono<Void> noticeSent(WebhookEndpoint endpoint, Instant now) {
		return this.mongo.updateFirst(Query.query(Criteria.where("_id").is(endpoint.id())),
				new Update().set("noticeSentAt", now).set("noticeLeaseUntil", null), WebhookEndpoint.class)
			.then();
	}

	Mono<Long> count(String status) {
		return this.mongo.count(Query.query(Criteria.where("status").is(status)), WebhookEndpoint.class);
	}

	private Mono<WebhookEndpoint> modify(Query query, Update update) {
		return this.mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true),
				WebhookEndpoint.class);
	}

	private static WebhookEndpoint withSlot(WebhookEndpoint e, int slot) {
		return new WebhookEndpoint(e.id(), e.organisationId(), slot, e.url(), e.types(), e.status(), e.sealedSecret(),
				e.sealedPreviousSecret(), e.previousSecretUntil(), e.createdAt(), e.updatedAt(), e.secretRotatedAt(),
				e.consecutiveFailures(), e.failingSince(), e.lastSuccessAt(), e.lastFailureAt(), e.lastError(),
				e.disabledAt(), e.disabledReason(), e.noticeSentAt(), e.noticeLeaseUntil());
	}

}
