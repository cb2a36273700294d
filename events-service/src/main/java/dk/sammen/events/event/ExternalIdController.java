package dk.sammen.events.event;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.web.ETags;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events addressed by the partner's own id (CONTRACT section 9), always within the caller's
 * organisation: another organisation's external ids are simply other names.
 */
@RestController
class ExternalIdController {

	private final EventService events;

	ExternalIdController(EventService events) {
		this.events = events;
	}

	/**
	 * Creates (201) or changes (200) the event, so a partner system can send its records as they
	 * are, again and again. {@code If-Match} is optional here: without it the last request wins.
	 */
	@PutMapping("/api/v1/events/by-external-id/{externalId}")
	Mono<ResponseEntity<EventResponse>> upsert(CallerIdentity caller, @PathVariable String externalId,
			@RequestParam(defaultValue = "false") boolean publish,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestBody EventRequest request) {
		return this.events
			.upsert(caller, externalId, request, (ifMatch != null) ? ETags.version(ifMatch) : null, publish)
			.map((upserted) -> {
				EventResponse body = EventResponse.of(upserted.event());
				ResponseEntity.BodyBuilder answer = upserted.created()
						? ResponseEntity.created(URI.create("/api/v1/events/" + body.id())) : ResponseEntity.ok();
				return answer.eTag(body.etag()).body(body);
			});
	}

	@GetMapping("/api/v1/events/by-external-id/{externalId}")
	Mono<ResponseEntity<EventResponse>> one(CallerIdentity caller, @PathVariable String externalId) {
		return this.events.findByExternalId(caller, externalId).map((event) -> {
			EventResponse body = EventResponse.of(event);
			return ResponseEntity.ok().eTag(body.etag()).body(body);
		});
	}

}
