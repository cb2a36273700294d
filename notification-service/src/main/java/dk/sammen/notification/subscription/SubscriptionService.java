package dk.sammen.notification.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.notification.DeliveryRequestedV1;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.outbox.AggregateStore;
import dk.sammen.platform.outbox.OutboxMessage;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Subscribe, confirm, change, unsubscribe and erase. Every change is one version-checked write of
 * the subscriber document; a mail it owes goes into the same document's outbox, from where the
 * relay queues it as a delivery task, so a subscription is never stored without its mail or mailed
 * without being stored.
 */
@Service
class SubscriptionService {

	static final String CONFIRMATION = "confirmation";

	static final String ALREADY_SUBSCRIBED = "already-subscribed";

	private static final int ATTEMPTS = 5;

	private final ReactiveMongoTemplate mongo;

	private final AggregateStore store;

	private final SubscribeLimits limits;

	private final Kommuner geography;

	private final SubscriptionProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	SubscriptionService(ReactiveMongoTemplate mongo, AggregateStore store, SubscribeLimits limits, Kommuner geography,
			SubscriptionProperties properties, JsonMapper json, Clock clock) {
		this.mongo = mongo;
		this.store = store;
		this.limits = limits;
		this.geography = geography;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records a subscription and owes the address a confirmation mail (or, when it is already
	 * confirmed, a mail saying so). Completes the same way whether the address was known or not.
	 */
	Mono<Void> subscribe(SubscriptionRequest request, String client) {
		Violations violations = new Violations();
		String email = request.normalizedEmail(violations);
		Preferences preferences = request.preferences(violations, this.geography);
		violations.throwIfAny();
		return this.limits.overClientLimit(client)
			.flatMap((retryAfter) -> Mono.<Void>error(tooManyRequests(retryAfter)))
			.then(Mono.defer(() -> this.limits.mayMail(email)))
			.flatMap((mayMail) -> retrying(() -> subscribeOnce(email, preferences, mayMail)));
	}

	private Mono<Boolean> subscribeOnce(String email, Preferences preferences, boolean mayMail) {
		Instant now = this.clock.instant();
		Consent consent = new Consent(now, "subscribed", "web-form", this.properties.consentTextVersion());
		return this.mongo.findOne(Query.query(Criteria.where("email").is(email)), Subscriber.class)
			.flatMap((existing) -> switch (existing.status()) {
				// a confirmed subscription is not changed by whoever knows the address; its owner can manage it
				case CONFIRMED -> mayMail ? update(existing, existing.status(), existing.preferences(), consent(existing, now),
						ALREADY_SUBSCRIBED, existing.confirmedAt(), existing.unsubscribedAt()) : Mono.just(true);
				case PENDING, UNSUBSCRIBED -> update(existing, SubscriberStatus.PENDING, preferences, consent,
						mayMail ? CONFIRMATION : null, null, null);
			})
			.switchIfEmpty(Mono.defer(() -> insert(email, preferences, consent, mayMail, now)));
	}

	/** A confirmed subscriber who subscribes again gets a reminder, recorded without changing consent. */
	private static Consent consent(Subscriber existing, Instant now) {
		return new Consent(now, "subscribe-repeated", "web-form", existing.consents().getLast().textVersion());
	}

	private Mono<Boolean> insert(String email, Preferences preferences, Consent consent, boolean mayMail, Instant now) {
		String id = UUID.randomUUID().toString();
		Subscriber subscriber = new Subscriber(id, email, SubscriberStatus.PENDING, preferences, List.of(consent),
				mayMail ? 1 : 0, now, null, null, 0);
		List<OutboxMessage> mail = mayMail ? List.of(deliveryOf(id, CONFIRMATION, 1, now)) : List.of();
		return this.store.insert(subscriber, mail)
			.thenReturn(true)
			// someone subscribed the same address a moment ago: go again as an existing subscriber
			.onErrorResume(DuplicateKeyException.class, (ex) -> Mono.just(false));
	}

	private Mono<Boolean> update(Subscriber existing, SubscriberStatus status, Preferences preferences, Consent consent,
			@Nullable String mailKind, @Nullable Instant confirmedAt, @Nullable Instant unsubscribedAt) {
		int mailRequests = existing.mailRequests() + ((mailKind != null) ? 1 : 0);
		Subscriber changed = existing.with(status, preferences, consent, mailRequests, confirmedAt, unsubscribedAt);
		List<OutboxMessage> mail = (mailKind != null)
				? List.of(deliveryOf(existing.id(), mailKind, mailRequests, consent.at())) : List.of();
		return this.store.update(existing.id(), existing.version(), changed, mail);
	}

	private OutboxMessage deliveryOf(String subscriberId, String kind, int number, Instant now) {
		DeliveryRequestedV1 task = new DeliveryRequestedV1(kind + "-" + subscriberId + "-" + number, kind,
				subscriberId, now);
		return OutboxMessage.of(Topics.NOTIFICATION_DELIVERIES, subscriberId, CloudEventTypes.DELIVERY_REQUESTED_V1,
				now, task, this.json);
	}

	/** Confirms with the link from the confirmation mail; confirming twice is fine. */
	Mono<Subscriber> confirm(String subscriberId) {
		return change(subscriberId, (existing) -> switch (existing.status()) {
			case CONFIRMED -> null;
			case PENDING -> existing.with(SubscriberStatus.CONFIRMED, existing.preferences(),
					new Consent(this.clock.instant(), "confirmed", "confirmation-link",
							existing.consents().getLast().textVersion()),
					existing.mailRequests(), this.clock.instant(), null);
			case UNSUBSCRIBED -> throw ApiProblem.conflict("This subscription was withdrawn; subscribe again to restart it.");
		});
	}

	Mono<Subscriber> find(String subscriberId) {
		return this.mongo.findById(subscriberId, Subscriber.class)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("There is no subscription for this link any more.")));
	}

	/** Changes what a subscriber receives; the consent history records the change. */
	Mono<Subscriber> updatePreferences(String subscriberId, SubscriptionRequest request) {
		Violations violations = new Violations();
		Preferences preferences = request.preferences(violations, this.geography);
		violations.throwIfAny();
		return change(subscriberId, (existing) -> existing.with(existing.status(), preferences,
				new Consent(this.clock.instant(), "preferences-updated", "manage-link",
						this.properties.consentTextVersion()),
				existing.mailRequests(), existing.confirmedAt(), existing.unsubscribedAt()));
	}

	/** Withdraws consent (RFC 8058 one-click); an erased or already unsubscribed subscriber stays so. */
	Mono<Void> unsubscribe(String subscriberId) {
		return change(subscriberId, (existing) -> (existing.status() == SubscriberStatus.UNSUBSCRIBED) ? null
				: existing.with(SubscriberStatus.UNSUBSCRIBED, existing.preferences(),
						new Consent(this.clock.instant(), "withdrawn", "one-click-unsubscribe",
								existing.consents().getLast().textVersion()),
						existing.mailRequests(), existing.confirmedAt(), this.clock.instant()))
			.onErrorResume(ApiProblem.class, (ex) -> Mono.empty())
			.then();
	}

	/** Erases the subscriber (GDPR art. 17); delivery records keep only the now meaningless id. */
	Mono<Void> erase(String subscriberId) {
		return this.mongo.remove(Query.query(Criteria.where("_id").is(subscriberId)), Subscriber.class)
			.filter((result) -> result.getDeletedCount() == 1)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("There is no subscription for this link any more.")))
			.then();
	}

	/** Applies {@code change} (null: nothing to do) with optimistic locking, retrying on concurrent changes. */
	private Mono<Subscriber> change(String subscriberId, Function<Subscriber, @Nullable Subscriber> change) {
		return Mono.defer(() -> find(subscriberId).flatMap((existing) -> {
			Subscriber changed = change.apply(existing);
			if (changed == null) {
				return Mono.just(existing);
			}
			return this.store.update(existing.id(), existing.version(), changed, List.of())
				.flatMap((updated) -> updated ? Mono.just(changed) : Mono.error(new ConcurrentChange()));
		})).retryWhen(Retry.max(ATTEMPTS).filter(ConcurrentChange.class::isInstance));
	}

	private static Mono<Void> retrying(Supplier<Mono<Boolean>> attempt) {
		return Mono.defer(attempt)
			.flatMap((done) -> done ? Mono.<Void>empty() : Mono.error(new ConcurrentChange()))
			.retryWhen(Retry.max(ATTEMPTS).filter(ConcurrentChange.class::isInstance));
	}

	private static ApiProblem tooManyRequests(long retryAfterSeconds) {
		ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				"Too many subscribe requests from this address; try again later.");
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return problem;
	}

	/** Someone else changed the subscriber between our read and write. */
	private static final class ConcurrentChange extends RuntimeException {

		ConcurrentChange() {
			super(null, null, false, false);
		}

	}

}
