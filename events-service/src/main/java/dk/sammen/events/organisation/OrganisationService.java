package dk.sammen.events.organisation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.apikey.ApiKeyIssuedV1;
import dk.sammen.contracts.apikey.ApiKeyRevokedV1;
import dk.sammen.contracts.organisation.OrganisationRegisteredV1;
import dk.sammen.platform.identity.ApiKeySecrets;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.outbox.AggregateStore;
import dk.sammen.platform.outbox.OutboxMessage;
import dk.sammen.platform.problem.ApiProblem;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/** Registers organisations and issues and revokes their keys, each change with its CloudEvent. */
@Service
class OrganisationService {

	private final ReactiveMongoTemplate mongo;

	private final AggregateStore store;

	private final JsonMapper json;

	private final Clock clock;

	OrganisationService(ReactiveMongoTemplate mongo, AggregateStore store, JsonMapper json, Clock clock) {
		this.mongo = mongo;
		this.store = store;
		this.json = json;
		this.clock = clock;
	}

	/** A key and what it shows once: the organisation (or key) answer and the secret itself. */
	record Issued(Organisation organisation, String keyId, String key) {
	}

	Mono<Issued> register(OrganisationRequests.CreateOrganisation request) {
		request.validate();
		Instant now = this.clock.instant();
		String id = UUID.randomUUID().toString();
		return newKey(Role.PARTNER, now).flatMap((key) -> {
			Organisation organisation = new Organisation(id, request.name().strip(), request.cvr(), request.kind(),
					request.contactEmail().strip(), List.of(key.stored()), 1, now, now, now, null);
			OutboxMessage registered = OutboxMessage.of(Topics.ORGANISATIONS, id,
					CloudEventTypes.ORGANISATION_REGISTERED_V1, now,
					new OrganisationRegisteredV1(organisation.snapshot()), this.json);
			return this.store.insert(organisation, List.of(issued(id, key.stored()), registered))
				.map((saved) -> new Issued(saved, key.stored().id(), key.secret()));
		});
	}

	Mono<Organisation> find(String id) {
		return this.mongo.findById(id, Organisation.class)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No organisation " + id)));
	}

	Mono<List<Organisation>> all() {
		return this.mongo.find(new Query().with(Sort.by("name")), Organisation.class).collectList();
	}

	Mono<Issued> issueKey(String organisationId, Role role) {
		Instant now = this.clock.instant();
		return find(organisationId).zipWith(newKey(role, now)).flatMap((found) -> {
			Organisation organisation = found.getT1();
			NewKey key = found.getT2();
			Organisation updated = organisation.withKey(key.stored(), now);
			return save(organisation, updated, issued(organisationId, key.stored()))
				.map((saved) -> new Issued(saved, key.stored().id(), key.secret()));
		});
	}

	Mono<Organisation> revokeKey(String organisationId, String keyId) {
		return find(organisationId).flatMap((organisation) -> {
			Organisation.ApiKey key = organisation.key(keyId)
				.orElseThrow(() -> ApiProblem.notFound("No key " + keyId + " in organisation " + organisationId));
			if (key.revokedAt() != null) {
				return Mono.just(organisation);
			}
			Instant now = this.clock.instant();
			OutboxMessage revoked = OutboxMessage.of(Topics.API_KEYS, keyId, CloudEventTypes.API_KEY_REVOKED_V1,
					now, new ApiKeyRevokedV1(keyId, organisationId, now), this.json);
			return save(organisation, organisation.withKeyRevoked(keyId, now), revoked);
		});
	}

	/** Sets (or, with null, clears) how long the organisation's confirmations of offers hold. */
	Mono<Organisation> setReconfirmAfterDays(String organisationId, @Nullable Integer days) {
		return find(organisationId).flatMap((organisation) -> {
			Organisation updated = organisation.withReconfirmAfterDays(days, this.clock.instant());
			// nothing other services read changes: no message
			return this.store.update(organisation.id(), organisation.version(), updated, List.of())
				.flatMap((saved) -> saved ? Mono.just(updated)
						: Mono.error(ApiProblem.conflict("The organisation changed concurrently; try again")));
		});
	}

	private Mono<Organisation> save(Organisation current, Organisation updated, OutboxMessage message) {
		return this.store.update(current.id(), current.version(), updated, List.of(message))
			.flatMap((saved) -> saved ? Mono.just(updated)
					: Mono.error(ApiProblem.conflict("The organisation changed concurrently; try again")));
	}

	private OutboxMessage issued(String organisationId, Organisation.ApiKey key) {
		return OutboxMessage.of(Topics.API_KEYS, key.id(), CloudEventTypes.API_KEY_ISSUED_V1, key.createdAt(),
				new ApiKeyIssuedV1(key.id(), organisationId, key.role(), key.sha256(), key.createdAt()), this.json);
	}

	/** Off the event loop: the system's SecureRandom reads /dev/urandom. */
	private static Mono<NewKey> newKey(Role role, Instant now) {
		return Mono.fromCallable(() -> {
			String secret = ApiKeySecrets.newKey();
			return new NewKey(new Organisation.ApiKey(UUID.randomUUID().toString(), role.slug(),
					ApiKeySecrets.sha256(secret), now, null), secret);
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private record NewKey(Organisation.ApiKey stored, String secret) {
	}

}
