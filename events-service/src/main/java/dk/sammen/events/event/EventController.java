package dk.sammen.events.event;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.InvalidInputException;
import dk.sammen.platform.web.ETags;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The partner API for events (CONTRACT section 3) and the public listing the feed reads. */
@RestController
class EventController {

	private static final int MAX_IDEMPOTENCY_KEY = 200;

	private final EventService events;

	private final EventListing listing;

	private final Kommuner kommuner;

	EventController(EventService events, EventListing listing, Kommuner kommuner) {
		this.events = events;
		this.listing = listing;
		this.kommuner = kommuner;
	}

	@PostMapping("/api/v1/events")
	Mono<ResponseEntity<EventResponse>> create(CallerIdentity caller, @RequestBody EventRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		return this.events.create(caller, request, validIdempotencyKey(idempotencyKey), false).map((created) -> {
			EventResponse body = EventResponse.of(created.event());
			return ResponseEntity.created(URI.create("/api/v1/events/" + body.id()))
				.eTag(body.etag())
				.header("Idempotent-Replayed", Boolean.toString(!created.created()))
				.body(body);
		});
	}

	@GetMapping("/api/v1/events/{id}")
	Mono<ResponseEntity<EventResponse>> one(Optional<CallerIdentity> caller, @PathVariable String id) {
		return this.events.find(id, caller.orElse(null)).map(EventController::withETag);
	}

	@PutMapping("/api/v1/events/{id}")
	Mono<ResponseEntity<EventResponse>> update(CallerIdentity caller, @PathVariable String id,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestBody EventRequest request) {
		if (ifMatch == null) {
			return Mono.error(ApiProblem.preconditionRequired("Send the event's ETag in If-Match to change it"));
		}
		return this.events.update(caller, id, ETags.version(ifMatch), request).map(EventController::withETag);
	}

	@DeleteMapping("/api/v1/events/{id}")
	Mono<ResponseEntity<Void>> delete(CallerIdentity caller, @PathVariable String id,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
		return this.events.delete(caller, id, (ifMatch != null) ? ETags.version(ifMatch) : null)
			.then(Mono.just(ResponseEntity.noContent().build()));
	}

	@PostMapping("/api/v1/events/{id}/publish")
	Mono<ResponseEntity<EventResponse>> publish(CallerIdentity caller, @PathVariable String id) {
		return this.events.publish(caller, id).map(EventController::withETag);
	}

	@PostMapping("/api/v1/events/{id}/cancel")
	Mono<ResponseEntity<EventResponse>> cancel(CallerIdentity caller, @PathVariable String id,
			@RequestBody(required = false) @Nullable CancelRequest request) {
		return this.events.cancel(caller, id, (request != null) ? request.reason() : null)
			.map(EventController::withETag);
	}

	/** The organisation confirms the offer still stands (freshness). */
	@PostMapping("/api/v1/events/{id}/confirm")
	Mono<ResponseEntity<EventResponse>> confirm(CallerIdentity caller, @PathVariable String id) {
		return this.events.confirm(caller, id).map(EventController::withETag);
	}

	/** Calls off one occurrence of a recurring offer, named by its Danish date. */
	@PostMapping("/api/v1/events/{id}/occurrences/{date}/cancel")
	Mono<ResponseEntity<EventResponse>> cancelOccurrence(CallerIdentity caller, @PathVariable String id,
			@PathVariable String date, @RequestBody(required = false) @Nullable CancelRequest request) {
		LocalDate day;
		try {
			day = LocalDate.parse(date);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("date", "the occurrence's Danish date, such as 2027-02-09");
		}
		return this.events.cancelOccurrence(caller, id, day, (request != null) ? request.reason() : null)
			.map(EventController::withETag);
	}

	/** Published and cancelled events for the public feed, filtered and paged. */
	@GetMapping("/api/v1/events")
	Mono<EventListing.Page> publicEvents(@RequestParam MultiValueMap<String, String> params) {
		return this.listing.publicEvents(ListingQuery.parse(params, this.kommuner));
	}

	@GetMapping("/api/v1/organisations/me/events")
	Mono<EventListing.Page> ownEvents(CallerIdentity caller, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String limit) {
		if (status != null && !Vocabulary.STATUSES.contains(status)) {
			throw new InvalidInputException("status", "draft, published or cancelled");
		}
		MultiValueMap<String, String> paging = new LinkedMultiValueMap<>();
		if (cursor != null) {
			paging.add("cursor", cursor);
		}
		if (limit != null) {
			paging.add("limit", limit);
		}
		ListingQuery page = ListingQuery.parse(paging, this.kommuner);
		return this.listing.ownEvents(caller.organisationId(), status, page.cursor(), page.limit());
	}

	record CancelRequest(@Nullable String reason) {
	}

	private static ResponseEntity<EventResponse> withETag(PartnerEvent event) {
		EventResponse body = EventResponse.of(event);
		return ResponseEntity.ok().eTag(body.etag()).body(body);
	}

	private static @Nullable String validIdempotencyKey(@Nullable String key) {
		if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY
				|| key.chars().anyMatch((c) -> c < 0x21 || c > 0x7e))) {
			throw ApiProblem.badRequest("invalid-idempotency-key",
					"Idempotency-Key must be 1 to 200 visible ASCII characters");
		}
		return key;
	}

}
