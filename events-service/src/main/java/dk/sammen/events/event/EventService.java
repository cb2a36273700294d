package dk.sammen.events.event;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventUpdatedV1;
import dk.sammen.events.organisation.OrganisationDirectory;
import dk.sammen.platform.Digests;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.outbox.AggregateStore;
import dk.sammen.platform.outbox.OutboxMessage;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.InvalidInputException;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The event lifecycle. Each transition that the public can see writes the new state and its
 * CloudEvent in one document update; drafts are private and emit nothing.
 */
@Service
class EventService {

	private final ReactiveMongoTemplate mongo;

	private final AggregateStore store;

	private final EventRules rules;

	private final OrganisationDirectory organisations;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	private final FreshnessPolicy freshness;

	EventService(ReactiveMongoTemplate mongo, AggregateStore store, EventRules rules,
			OrganisationDirectory organisations, JsonMapper json, Clock clock, MeterRegistry meters,
			FreshnessPolicy freshness) {
		this.freshness = freshness;
		this.mongo = mongo;
		this.store = store;
		this.rules = rules;
		this.organisations = organisations;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
	}

	/** What a create did: {@code created} is false when an earlier request with the same key answered. */
	record Created(PartnerEvent event, boolean created) {
	}

	/**
	 * Creates a draft. With an idempotency key the id is derived from the organisation and the key,
	 * so a repeat cannot create a second event: the store's unique id decides, atomically.
	 */
	Mono<Created> create(CallerIdentity caller, EventRequest request, @Nullable String idempotencyKey,
			boolean publish) {
		return create(caller, request, idempotencyKey, publish, organisationName(caller));
	}

	/** The caller's organisation name, which every event carries; a batch looks it up once. */
	Mono<String> organisationName(CallerIdentity caller) {
		return Mono.defer(() -> this.organisations.nameOf(requireOrganisation(caller)))
			.switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("The caller's organisation no longer exists")));
	}

	Mono<Created> create(CallerIdentity caller, EventRequest request, @Nullable String idempotencyKey,
			boolean publish, Mono<String> organisationName) {
		String organisationId = requireOrganisation(caller);
		EventDetails details = this.rules.validate(request);
		String requestHash = (idempotencyKey != null) ? Digests.sha256Hex(this.json.writeValueAsString(request)) : null;
		String id = (idempotencyKey != null)
				? UUID.nameUUIDFromBytes((organisationId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
					.toString()
				: UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		Mono<Optional<Freshness>> fresh = publish
				? this.freshness.confirmedAt(organisationId, details, now).map(Optional::of)
				: Mono.just(Optional.empty());
		return Mono.zip(organisationName, fresh).flatMap((named) -> {
			PartnerEvent draft = PartnerEvent.draft(id, organisationId, named.getT1(), details, requestHash, now);
			PartnerEvent stored = named.getT2().map((confirmed) -> draft.published(now).withFreshness(confirmed))
				.orElse(draft);
			List<OutboxMessage> messages = publish ? List.of(published(stored)) : List.of();
			return this.store.insert(stored, messages).map((event) -> {
				this.meters.counter("sammen.events.posted", "programme", details.programme()).increment();
				if (publish) {
					this.meters.counter("sammen.events.published", "programme", details.programme()).increment();
				}
				return new Created(event, true);
			});
		}).onErrorResume(DuplicateKeyException.class, (ex) -> replay(id, requestHash));
	}

	private Mono<Created> replay(String id, @Nullable String requestHash) {
		return this.mongo.findById(id, PartnerEvent.class).flatMap((existing) -> {
			if (requestHash == null || !requestHash.equals(existing.requestHash())) {
				return Mono.error(new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
						"idempotency-key-reused", "Idempotency-Key reused",
						"This Idempotency-Key was used before with a different request body"));
			}
			return Mono.just(new Created(existing, false));
		});
	}

	/** The event if the caller may see it: public ones to everyone, drafts to their owner and admins. */
	Mono<PartnerEvent> find(String id, @Nullable CallerIdentity caller) {
		return this.mongo.findById(id, PartnerEvent.class)
			.filter((event) -> event.isPublic() || (caller != null && caller.mayActFor(event.organisationId())))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No event " + id)));
	}

	Mono<PartnerEvent> update(CallerIdentity caller, String id, long expectedVersion, EventRequest request) {
		EventDetails details = this.rules.validate(request);
		return owned(caller, id).flatMap((event) -> {
			if (Vocabulary.CANCELLED.equals(event.status())) {
				return Mono.error(ApiProblem.conflict("A cancelled event can no longer be changed"));
			}
			Instant now = this.clock.instant();
			PartnerEvent changed = event.revised(keepCancelledOccurrences(event.details(), details), now);
			// a partner who changes a published offer has looked at it: that confirms it
			return (Vocabulary.PUBLISHED.equals(event.status())
					? this.freshness.confirmedAt(event.organisationId(), changed.details(), now).map(changed::withFreshness)
					: Mono.just(changed))
				.flatMap((revised) -> saveRevision(event, expectedVersion, revised));
		});
	}

	private Mono<PartnerEvent> saveRevision(PartnerEvent event, long expectedVersion, PartnerEvent revised) {
		List<OutboxMessage> messages = event.isPublic() ? List.of(OutboxMessage.of(Topics.EVENTS, event.id(),
				CloudEventTypes.EVENT_UPDATED_V1, revised.updatedAt(), new EventUpdatedV1(revised.snapshot()),
				this.json)) : List.of();
		return save(event, expectedVersion, revised, messages);
	}

	/**
	 * The organisation confirms that a published offer still stands: it is fresh again for its
	 * interval, and consumers learn its new {@code visibleUntil}.
	 */
	Mono<PartnerEvent> confirm(CallerIdentity caller, String id) {
		return owned(caller, id).flatMap((event) -> {
			if (!Vocabulary.PUBLISHED.equals(event.status())) {
				return Mono.error(ApiProblem.conflict("Only a published event can be confirmed"));
			}
			Instant now = this.clock.instant();
			return this.freshness.confirmedAt(event.organisationId(), event.details(), now).flatMap((fresh) -> {
				PartnerEvent confirmed = event.confirmed(fresh, now);
				OutboxMessage message = OutboxMessage.of(Topics.EVENTS, id, CloudEventTypes.EVENT_UPDATED_V1,
						confirmed.updatedAt(), new EventUpdatedV1(confirmed.snapshot()), this.json);
				return save(event, event.version(), confirmed, List.of(message));
			});
		});
	}

	Mono<PartnerEvent> publish(CallerIdentity caller, String id) {
		return owned(caller, id).flatMap((event) -> switch (event.status()) {
			case Vocabulary.PUBLISHED -> Mono.just(event);
			case Vocabulary.CANCELLED -> Mono.error(ApiProblem.conflict("A cancelled event cannot be published again"));
			default -> {
				Instant now = this.clock.instant();
				yield this.freshness.confirmedAt(event.organisationId(), event.details(), now)
					.map((fresh) -> event.published(now).withFreshness(fresh))
					.flatMap((published) -> save(event, event.version(), published, List.of(published(published))))
					.doOnSuccess((saved) -> this.meters
						.counter("sammen.events.published", "programme", saved.details().programme())
						.increment());
			}
		});
	}

	Mono<PartnerEvent> cancel(CallerIdentity caller, String id, @Nullable String reason) {
		String stripped = validReason(reason);
		return owned(caller, id).flatMap((event) -> switch (event.status()) {
			case Vocabulary.CANCELLED -> Mono.just(event);
			case Vocabulary.DRAFT -> Mono.error(ApiProblem.conflict("A draft is not public; delete it instead"));
			default -> {
				PartnerEvent cancelled = event.cancelled(stripped, this.clock.instant());
				OutboxMessage message = OutboxMessage.of(Topics.EVENTS, id, CloudEventTypes.EVENT_CANCELLED_V1,
						cancelled.updatedAt(), new EventCancelledV1(cancelled.snapshot(), stripped), this.json);
				yield save(event, event.version(), cancelled, List.of(message));
			}
		});
	}

	/**
	 * Calls off one occurrence of a published recurring offer; the series goes on. Repeating it
	 * changes nothing.
	 */
	Mono<PartnerEvent> cancelOccurrence(CallerIdentity caller, String id, LocalDate date, @Nullable String reason) {
		String stripped = validReason(reason);
		return owned(caller, id).flatMap((event) -> {
			EventDetails.Schedule schedule = event.details().schedule();
			if (schedule == null) {
				return Mono.error(ApiProblem.conflict("This event happens once; cancel the event instead"));
			}
			if (!Vocabulary.PUBLISHED.equals(event.status())) {
				return Mono.error(ApiProblem.conflict("Only occurrences of a published series can be cancelled"));
			}
			if (schedule.cancellation(date).isPresent()) {
				return Mono.just(event);
			}
			if (!isOccurrence(event.details(), date)) {
				return Mono.error(ApiProblem.notFound("The series has no occurrence on " + date));
			}
			PartnerEvent revised = event.revised(event.details().withSchedule(schedule.withCancelled(date, stripped)),
					this.clock.instant());
			OutboxMessage message = OutboxMessage.of(Topics.EVENTS, id, CloudEventTypes.EVENT_UPDATED_V1,
					revised.updatedAt(), new EventUpdatedV1(revised.snapshot()), this.json);
			return save(event, event.version(), revised, List.of(message));
		});
	}

	/** Whether the series has an occurrence starting on that Danish day (excepted days have none). */
	private static boolean isOccurrence(EventDetails details, LocalDate date) {
		EventDetails.Schedule schedule = Objects.requireNonNull(details.schedule());
		Instant dayStart = date.atStartOfDay(DanmarkSpiserSammenWeek.DANISH_TIME).toInstant();
		Instant dayEnd = date.plusDays(1).atStartOfDay(DanmarkSpiserSammenWeek.DANISH_TIME).toInstant();
		return !schedule.recurrence()
			.starts(details.startsAt(), dayStart, dayEnd, Set.copyOf(schedule.exdates()), 1)
			.isEmpty();
	}

	/** A revised series keeps the occurrences called off that it still has. */
	private static EventDetails keepCancelledOccurrences(EventDetails current, EventDetails revised) {
		EventDetails.Schedule before = current.schedule();
		EventDetails.Schedule after = revised.schedule();
		if (before == null || after == null || before.cancelled().isEmpty()) {
			return revised;
		}
		EventDetails.Schedule kept = after;
		for (EventDetails.CancelledOccurrence occurrence : before.cancelled()) {
			if (isOccurrence(revised, occurrence.date())) {
				kept = kept.withCancelled(occurrence.date(), occurrence.reason());
			}
		}
		return revised.withSchedule(kept);
	}

	Mono<Void> delete(CallerIdentity caller, String id, @Nullable Long expectedVersion) {
		return owned(caller, id).flatMap((event) -> {
			if (event.isPublic()) {
				return Mono.error(ApiProblem.conflict("Only drafts can be deleted; cancel a published event instead"));
			}
			if (expectedVersion != null && expectedVersion != event.version()) {
				return Mono.error(staleVersion(event));
			}
			return this.mongo.remove(Query.query(Criteria.where("_id").is(id).and("version").is(event.version())),
					PartnerEvent.class)
				.flatMap((result) -> (result.getDeletedCount() == 1) ? Mono.<Void>empty() : Mono.error(staleVersion(event)));
		});
	}

	/** The event if the caller owns it (or is admin); 404 where existence must not leak, else 403. */
	private Mono<PartnerEvent> owned(CallerIdentity caller, String id) {
		return this.mongo.findById(id, PartnerEvent.class)
			.filter((event) -> event.isPublic() || caller.mayActFor(event.organisationId()))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No event " + id)))
			.flatMap((event) -> caller.mayActFor(event.organisationId()) ? Mono.just(event)
					: Mono.error(ApiProblem.forbidden("This event belongs to another organisation")));
	}

	private Mono<PartnerEvent> save(PartnerEvent current, long expectedVersion, PartnerEvent next,
			List<OutboxMessage> messages) {
		if (current.version() != expectedVersion) {
			return Mono.error(staleVersion(current));
		}
		return this.store.update(current.id(), expectedVersion, next, messages)
			.flatMap((saved) -> saved ? Mono.just(next) : Mono.error(staleVersion(current)));
	}

	private OutboxMessage published(PartnerEvent event) {
		return OutboxMessage.of(Topics.EVENTS, event.id(), CloudEventTypes.EVENT_PUBLISHED_V1, event.updatedAt(),
				new EventPublishedV1(event.snapshot()), this.json);
	}

	private static String validReason(@Nullable String reason) {
		String stripped = (reason != null) ? reason.strip() : "";
		if (stripped.isEmpty() || stripped.length() > 500 || stripped.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("reason", "required, 1 to 500 characters of plain text");
		}
		return stripped;
	}

	private static ApiProblem staleVersion(PartnerEvent event) {
		return ApiProblem.preconditionFailed("The event is at version " + event.version()
				+ "; fetch it again and retry with its ETag in If-Match");
	}

	private static String requireOrganisation(CallerIdentity caller) {
		if (CallerIdentity.PLATFORM.equals(caller.organisationId())) {
			throw ApiProblem.forbidden("Events are posted with an organisation's key, not the platform admin key");
		}
		return caller.organisationId();
	}


}
