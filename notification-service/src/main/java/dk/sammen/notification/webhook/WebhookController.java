package dk.sammen.notification.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.InvalidInputException;
import dk.sammen.platform.problem.Violations;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner organisation's webhook endpoints (CONTRACT section 9). Only a {@code partner} key acts
 * here, and only on its own organisation's endpoints: another organisation's endpoint answers 404,
 * exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/organisations/me/webhooks")
class WebhookController {

	private static final int MAX_PAGE = 100;

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	private final AddressRules rules;

	private final SecretBox secrets;

	private final WebhookProperties properties;

	private final Clock clock;

	WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, AddressRules rules, SecretBox secrets,
			WebhookProperties properties, Clock clock) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.rules = rules;
		this.secrets = secrets;
		this.properties = properties;
		this.clock = clock;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<WebhookView>> register(CallerIdentity caller, @RequestBody WebhookRequest request) {
		String organisationId = partner(caller);
		Violations violations = new Violations();
		request.validate(violations);
		violations.throwIfAny();
		String id = "wh_" + UUID.randomUUID().toString().replace("-", "");
		// DNS and the system's random source block: off the event loop
		return Mono.fromCallable(() -> {
			vet(request.url());
			String secret = WebhookSignatures.newSecret();
			Instant now = this.clock.instant();
			WebhookEndpoint endpoint = new WebhookEndpoint(id, organisationId, 0, request.url(),
					List.copyOf(request.types()), WebhookEndpoint.ACTIVE, this.secrets.seal(secret, id), null, null, now,
					now, null, 0, null, null, null, null, null, null, null, null);
			return new NewSecret(endpoint, secret);
		})
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((created) -> this.endpoints.insert(created.endpoint())
				.map((stored) -> ResponseEntity.created(URI.create("/api/v1/organisations/me/webhooks/" + stored.id()))
					.body(WebhookView.of(stored, this.clock.instant()).withSecret(created.secret()))));
	}

	@GetMapping
	Mono<Map<String, List<WebhookView>>> list(CallerIdentity caller) {
		String organisationId = partner(caller);
		Instant now = this.clock.instant();
		return this.endpoints.ofOrganisation(organisationId)
			.map((endpoint) -> WebhookView.of(endpoint, now))
			.collectList()
			.map((items) -> Map.of("items", items));
	}

	@GetMapping("/{id}")
	Mono<WebhookView> show(CallerIdentity caller, @PathVariable String id) {
		return this.endpoints.owned(partner(caller), id).map((endpoint) -> WebhookView.of(endpoint, this.clock.instant()));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> delete(CallerIdentity caller, @PathVariable String id) {
		String organisationId = partner(caller);
		return this.endpoints.delete(organisationId, id)
			.flatMap((deleted) -> deleted ? this.deliveries.deleteOf(id).then()
					: Mono.error(ApiProblem.notFound("No webhook " + id)));
	}

	/**
	 * A new secret, shown once. The previous one keeps signing (as a second {@code v1=}) for
	 * {@code secret-rotation-grace}, so the receiver can switch without a gap.
	 */
	@PostMapping("/{id}/rotate-secret")
	Mono<WebhookView> rotateSecret(CallerIdentity caller, @PathVariable String id) {
		return this.endpoints.owned(partner(caller), id)
			.flatMap((current) -> Mono.fromCallable(() -> {
				String secret = WebhookSignatures.newSecret();
				// the previous secret, sealed again under the active key
				String previous = this.secrets.seal(this.secrets.open(current.sealedSecret(), id), id);
				return new Rotation(current, secret, this.secrets.seal(secret, id), previous);
			}).subscribeOn(Schedulers.boundedElastic()))
			.flatMap((rotation) -> {
				Instant now = this.clock.instant();
				return this.endpoints.rotate(rotation.current(), rotation.sealed(), rotation.sealedPrevious(),
						now.plus(this.properties.secretRotationGrace()), now)
					.map((rotated) -> WebhookView.of(rotated, now).withSecret(rotation.secret()));
			});
	}

	/** Turns an endpoint on again after the platform turned it off; its failure count starts over. */
	@PostMapping("/{id}/enable")
	Mono<WebhookView> enable(CallerIdentity caller, @PathVariable String id) {
		String organisationId = partner(caller);
		return this.endpoints.owned(organisationId, id)
			.flatMap((current) -> Mono.fromCallable(() -> {
				// the address is checked again: it may have changed while the endpoint was off
				vet(current.url());
				return current;
			}).subscribeOn(Schedulers.boundedElastic()))
			.flatMap((current) -> this.endpoints.enable(current, this.clock.instant()))
			.map((enabled) -> WebhookView.of(enabled, this.clock.instant()));
	}

	/** The delivery log, newest first, {@code limit} (1–100, default 20) at a time. */
	@GetMapping("/{id}/deliveries")
	Mono<DeliveryView.Page> deliveries(CallerIdentity caller, @PathVariable String id,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String cursor) {
		String organisationId = partner(caller);
		int size = limit(limit);
		Position after = (cursor != null) ? position(cursor) : null;
		return this.endpoints.owned(organisationId, id)
			.flatMapMany((endpoint) -> this.deliveries.log(endpoint.id(), (after != null) ? after.createdAt() : null,
					(after != null) ? after.id() : null, size + 1))
			.collectList()
			.map((found) -> {
				List<WebhookDelivery> page = found.subList(0, Math.min(size, found.size()));
				String next = (found.size() > size) ? cursorOf(page.getLast()) : null;
				return new DeliveryView.Page(page.stream().map(DeliveryView::of).toList(), next);
			});
	}

	private void vet(@Nullable String url) throws InvalidInputException {
		try {
			this.rules.vet((url != null) ? url : "");
		}
		catch (UnsafeUrlException ex) {
			throw new InvalidInputException("url", ex.getMessage());
		}
	}

	/** Webhooks belong to an organisation: only its partner keys manage them. */
	private static String partner(CallerIdentity caller) {
		if (caller.role() != Role.PARTNER || CallerIdentity.PLATFORM.equals(caller.organisationId())) {
			throw ApiProblem.forbidden("Only an organisation's partner key manages its webhooks");
		}
		return caller.organisationId();
	}

	private static int limit(@Nullable String limit) {
		if (limit == null) {
			return 20;
		}
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= MAX_PAGE) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ApiProblem.badRequest("invalid-query", "limit must be a whole number from 1 to " + MAX_PAGE);
	}

	private static String cursorOf(WebhookDelivery last) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(
				(last.createdAt().toEpochMilli() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
	}

	private static Position position(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
			if (parts.length == 2 && parts[1].startsWith("dlv_")) {
				return new Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
			}
		}
		catch (IllegalArgumentException ex) {
			// answered below
		}
		throw ApiProblem.badRequest("invalid-query", "cursor is not one this API gave out");
	}

	private record NewSecret(WebhookEndpoint endpoint, String secret) {
	}

	private record Rotation(WebhookEndpoint current, String secret, String sealed, String sealedPrevious) {
	}

	private record Position(Instant createdAt, String id) {
	}

}
