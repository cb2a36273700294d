package dk.sammen.events.event;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The event lifecycle. Each transition that the public can see writes the new state and its
 * CloudEvent in one document update; drafts are private and emit nothing. Deleting a draft leaves
 * a tombstone in its document for the change feed; everything else here treats it as absent, and
 * creating an event at a tombstone's id (the same Idempotency-Key or external id again) replaces it.
 * Every write is stamped with the millisecond the store keeps, and checked by {@link LateWrites}.
 */
@Service
class EventService {

	/** Writers that lose a race to create or change the same event simply try again. */
	private static final int CONTENDED_ATTEMPTS = 10;

	private final ReactiveMongoTemplate mongo;

	private final AggregateStore store;

	private final EventRules rules;

	private final OrganisationDirectory organisations;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	private final LateWrites lateWrites;

	private final FreshnessPolicy freshness;

	EventService(ReactiveMongoTemplate mongo, AggregateStore store, EventRules rules,
			OrganisationDirectory organisations, JsonMapper json, Clock clock, MeterRegistry meters,
			LateWrites lateWrites, FreshnessPolicy freshness) {
		this.freshness = freshness;
		this.mongo = mongo;
		this.store = store;
		this.rules = rules;
		this.organisations = organisations;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
		this.lateWrites = lateWrites;
	}

	/** What a create did: {@code created} is false when an earlier request with the same key answered. */
	record Created(PartnerEvent event, boolean created) {
	}

	/**
	 * Creates a draft. With an external id or an idempotency key the id is derived from the
	 * organisation and that, so a repeat cannot create a second event: the store's unique id
	 * decides, atomically. An external id that is taken is a 409, unless this is a repeat of the
	 * request (same Idempotency-Key and body) that took it.
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
		String externalId = request.externalId();
		String body = this.json.writeValueAsString(request);
		// with an external id the key does not make the id, so it goes into the hash instead
		String requestHash = (idempotencyKey == null) ? null
				: Digests.sha256Hex((externalId != null) ? idempotencyKey + "\n" + body : body);
		String id = (externalId != null) ? ExternalIds.eventId(organisationId, externalId)
				: (idempotencyKey != null)
						? UUID.nameUUIDFromBytes((organisationId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
							.toString()
						: UUID.randomUUID().toString();
		return organisationName
			.flatMap((name) -> insertNew(
					PartnerEvent.draft(id, externalId, organisationId, name, details, requestHash, now()), publish))
			.map((event) -> new Created(event, true))
			.switchIfEmpty(Mono.defer(() -> replay(id, externalId, requestHash)))
			.retryWhen(contended());
	}

	/**
	 * Stores a new event (published as well if asked), in place of a tombstone at its id if there
	 * is one; empty if a live event has the id.
	 */
	private Mono<PartnerEvent> insertNew(PartnerEvent draft, boolean publish) {
		return (publish ? confirmedNow(draft.published(draft.updatedAt())) : Mono.just(draft))
			.flatMap((fresh) -> insertOrRevive(fresh, publish));
	}

	private Mono<PartnerEvent> insertOrRevive(PartnerEvent fresh, boolean publish) {
		return settled(fresh, this.store.insert(fresh, publish ? List.of(published(fresh)) : List.of()))
			.onErrorResume(DuplicateKeyException.class, (ex) -> this.mongo
				.findById(fresh.id(), Document.class, this.mongo.getCollectionName(PartnerEvent.class))
				.switchIfEmpty(Mono.error(Contended::new)) // purged meanwhile: insert again
				.filter((taken) -> Vocabulary.DELETED.equals(taken.getString("status")))
				.flatMap((tombstone) -> {
					long tombstoneVersion = tombstone.get("version", Number.class).longValue();
					PartnerEvent revived = fresh.succeeding(tombstoneVersion);
					return settled(revived, this.store.update(revived.id(), tombstoneVersion, revived,
							publish ? List.of(published(revived)) : List.of())
						.flatMap((stored) -> stored ? Mono.just(revived) : Mono.error(new Contended())));
				}))
			.doOnNext((stored) -> {
				this.meters.counter("sammen.events.posted", "programme", stored.details().programme()).increment();
				if (publish) {
					this.meters.counter("sammen.events.published", "programme", stored.details().programme())
						.increment();
				}
			});
	}

	private Mono<Created> replay(String id, @Nullable String externalId, @Nullable String requestHash) {
		return live(id).switchIfEmpty(Mono.error(Contended::new)).flatMap((existing) -> {
			boolean sameRequest = requestHash != null && requestHash.equals(existing.requestHash());
			if (sameRequest) {
				return Mono.just(new Created(existing, false));
			}
			if (externalId != null) {
				return Mono.error(ApiProblem.conflict("Event " + id + " already has externalId '" + externalId
						+ "'; change it with PUT /api/v1/events/by-external-id/{externalId}"));
			}
			return Mono.error(new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
					"Idempotency-Key reused", "This Idempotency-Key was used before with a different request body"));
		});
	}

	/** What an upsert did: {@code created} is false when the event existed (changed or not). */
	record Upserted(PartnerEvent event, boolean created) {
	}

	/**
	 * Creates or changes the caller organisation's event with this external id, as a partner system
	 * that mirrors its own records does. Without {@code expectedVersion} the last writer wins;
	 * {@code publish} publishes a draft (a published or cancelled event stays as it is). A request
	 * that changes nothing stores nothing and emits nothing.
	 */
	Mono<Upserted> upsert(CallerIdentity caller, String externalId, EventRequest request,
			@Nullable Long expectedVersion, boolean publish) {
		String organisationId = requireOrganisation(caller);
		if (!ExternalIds.isValid(externalId)) {
			throw new InvalidInputException(ExternalIds.FIELD,
					"1 to " + ExternalIds.MAX_LENGTH + " visible characters, no spaces or control characters");
		}
		if (request.externalId() != null && !request.externalId().equals(externalId)) {
			throw new InvalidInputException(ExternalIds.FIELD, "must be the externalId of the path, or left out");
		}
		EventDetails details = this.rules.validate(request);
		String id = ExternalIds.eventId(organisationId, externalId);
		Mono<String> organisationName = organisationName(caller).cache();
		return Mono.defer(() -> live(id))
			.flatMap((existing) -> revise(existing, details, expectedVersion, publish)
				.map((event) -> new Upserted(event, false)))
			.switchIfEmpty(Mono.defer(() -> {
				if (expectedVersion != null) {
					return Mono.error(ApiProblem.preconditionFailed(
							"There is no event with externalId '" + externalId + "' to match If-Match"));
				}
				return organisationName
					.flatMap((name) -> insertNew(
							PartnerEvent.draft(id, externalId, organisationId, name, details, null, now()), publish))
					.switchIfEmpty(Mono.error(Contended::new)) // created meanwhile: change it instead
					.map((event) -> new Upserted(event, true));
			}))
			.retryWhen(contended());
	}

	private Mono<PartnerEvent> revise(PartnerEvent event, EventDetails details, @Nullable Long expectedVersion,
			boolean publish) {
		if (expectedVersion != null && expectedVersion != event.version()) {
			return Mono.error(staleVersion(event));
		}
		EventDetails kept = keepCancelledOccurrences(event.details(), details);
		boolean changed = !kept.equals(event.details());
		boolean publishing = publish && Vocabulary.DRAFT.equals(event.status());
		if (changed && Vocabulary.CANCELLED.equals(event.status())) {
			return Mono.error(ApiProblem.conflict("A cancelled event can no longer be changed"));
		}
		if (!changed && !publishing) {
			return Mono.just(event);
		}
		Instant now = now();
		PartnerEvent revised = publishing ? event.revisedAndPublished(kept, now) : event.revised(kept, now);
		return confirmedNow(revised).flatMap((next) -> {
			List<OutboxMessage> messages = publishing ? List.of(published(next))
					: event.isPublic() ? List.of(updated(next)) : List.of();
			return settled(next, this.store.update(event.id(), event.version(), next, messages)
				.flatMap((stored) -> stored ? Mono.just(next)
						: Mono.error((expectedVersion != null) ? staleVersion(event) : new Contended())));
		})
			.doOnNext((stored) -> {
				if (publishing) {
					this.meters.counter("sammen.events.published", "programme", details.programme()).increment();
				}
			});
	}

	/** The caller organisation's event with this external id. */
	Mono<PartnerEvent> findByExternalId(CallerIdentity caller, String externalId) {
		String organisationId = requireOrganisation(caller);
		if (!ExternalIds.isValid(externalId)) {
			return Mono.error(ApiProblem.notFound("No event with that externalId"));
		}
		return live(ExternalIds.eventId(organisationId, externalId))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No event with externalId '" + externalId + "'")));
	}

	/** The event if the caller may see it: public ones to everyone, drafts to their owner and admins. */
	Mono<PartnerEvent> find(String id, @Nullable CallerIdentity caller) {
		return live(id)
			.filter((event) -> event.isPublic() || (caller != null && caller.mayActFor(event.organisationId())))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No event " + id)));
	}

	Mono<PartnerEvent> update(CallerIdentity caller, String id, long expectedVersion, EventRequest request) {
		EventDetails details = this.rules.validate(request);
		return owned(caller, id).flatMap((event) -> {
			if (request.externalId() != null && !request.externalId().equals(event.externalId())) {
				return Mono.error(ApiProblem.conflict((event.externalId() == null)
						? "An externalId is given when an event is created; this event has none"
						: "The externalId of an event cannot be changed; it is '" + event.externalId() + "'"));
			}
			if (Vocabulary.CANCELLED.equals(event.status())) {
				return Mono.error(ApiProblem.conflict("A cancelled event can no longer be changed"));
			}
			PartnerEvent changed = event.revised(keepCancelledOccurrences(event.details(), details), now());
			return confirmedNow(changed).flatMap((revised) -> save(event, expectedVersion, revised,
					event.isPublic() ? List.of(updated(revised)) : List.of()));
		});
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
			Instant now = now();
			return this.freshness.confirmedAt(event.organisationId(), event.details(), now)
				.map((fresh) -> event.confirmed(fresh, now))
				.flatMap((confirmed) -> save(event, event.version(), confirmed, List.of(updated(confirmed))));
		});
	}

	/**
	 * A published state confirmed as of its change: a partner who publishes or changes an offer has
	 * looked at it. Other states keep what they have.
	 */
	private Mono<PartnerEvent> confirmedNow(PartnerEvent next) {
		if (!Vocabulary.PUBLISHED.equals(next.status())) {
			return Mono.just(next);
		}
		return this.freshness.confirmedAt(next.organisationId(), next.details(), next.updatedAt())
			.map(next::withFreshness);
	}

	Mono<PartnerEvent> publish(CallerIdentity caller, String id) {
		return owned(caller, id).flatMap((event) -> switch (event.status()) {
			case Vocabulary.PUBLISHED -> Mono.just(event);
			case Vocabulary.CANCELLED -> Mono.error(ApiProblem.conflict("A cancelled event cannot be published again"));
			default -> {
				yield confirmedNow(event.published(now()))
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
				PartnerEvent cancelled = event.cancelled(stripped, now());
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
					now());
			return save(event, event.version(), revised, List.of(updated(revised)));
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

	private static String validReason(@Nullable String reason) {
		String stripped = (reason != null) ? reason.strip() : "";
		if (stripped.isEmpty() || stripped.length() > 500 || stripped.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("reason", "required, 1 to 500 characters of plain text");
		}
		return stripped;
	}

	/**
	 * Deletes a draft by turning its document into a tombstone in one version-checked update: the
	 * content goes, the id, organisation and external id stay for the change feed until
	 * {@link TombstonePurge} removes them.
	 */
	Mono<Void> delete(CallerIdentity caller, String id, @Nullable Long expectedVersion) {
		return owned(caller, id).flatMap((event) -> {
			if (event.isPublic()) {
				return Mono.error(ApiProblem.conflict("Only drafts can be deleted; cancel a published event instead"));
			}
			if (expectedVersion != null && expectedVersion != event.version()) {
				return Mono.error(staleVersion(event));
			}
			long version = event.version() + 1;
			Instant now = now();
			Update tombstone = Update.update("status", Vocabulary.DELETED).set("version", version).set("updatedAt", now);
			List.of("organisationName", "details", "words", "cancellationReason", "requestHash", "createdAt",
					"publishedAt").forEach(tombstone::unset);
			return this.mongo
				.updateFirst(Query.query(Criteria.where("_id").is(id).and("version").is(event.version())), tombstone,
						PartnerEvent.class)
				.onErrorResume(LateWrites::isUncertain, (ex) -> this.lateWrites.afterUncertainFailure(id, version, ex))
				.flatMap((result) -> (result.getMatchedCount() == 1) ? this.lateWrites.settle(id, version, now).then()
						: Mono.error(staleVersion(event)));
		});
	}

	/** The event if the caller owns it (or is admin); 404 where existence must not leak, else 403. */
	private Mono<PartnerEvent> owned(CallerIdentity caller, String id) {
		return live(id)
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
		return settled(next, this.store.update(current.id(), expectedVersion, next, messages)
			.flatMap((saved) -> saved ? Mono.just(next) : Mono.error(staleVersion(current))));
	}

	/** The event with this id unless there is none or only a tombstone. */
	private Mono<PartnerEvent> live(String id) {
		return this.mongo.findOne(Query.query(Criteria.where("_id").is(id).and("status").ne(Vocabulary.DELETED)),
				PartnerEvent.class);
	}

	/** {@code write} of {@code next}, then the change feed's check for a late acknowledgement. */
	private Mono<PartnerEvent> settled(PartnerEvent next, Mono<PartnerEvent> write) {
		return write.onErrorResume(LateWrites::isUncertain,
				(ex) -> this.lateWrites.afterUncertainFailure(next.id(), next.version(), ex))
			.flatMap(this.lateWrites::settle);
	}

	/** Change times at the precision the store keeps, so an answer shows what a later read does. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static Retry contended() {
		return Retry.max(CONTENDED_ATTEMPTS)
			.filter(Contended.class::isInstance)
			.onRetryExhaustedThrow((spec, signal) -> ApiProblem
				.conflict("The event is being changed by other requests at the same time; try again"));
	}

	/** Another request created or changed the event between our read and our write. */
	private static final class Contended extends RuntimeException {

		Contended() {
			super(null, null, false, false);
		}

	}

	private OutboxMessage updated(PartnerEvent event) {
		return OutboxMessage.of(Topics.EVENTS, event.id(), CloudEventTypes.EVENT_UPDATED_V1, event.updatedAt(),
				new EventUpdatedV1(event.snapshot()), this.json);
	}

	private OutboxMessage published(PartnerEvent event) {
		return OutboxMessage.of(Topics.EVENTS, event.id(), CloudEventTypes.EVENT_PUBLISHED_V1, event.updatedAt(),
				new EventPublishedV1(event.snapshot()), this.json);
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
