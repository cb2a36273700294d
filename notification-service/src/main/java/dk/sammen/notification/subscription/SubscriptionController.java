package dk.sammen.notification.subscription;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

import reactor.core.publisher.Mono;

import dk.sammen.notification.token.SubscriptionTokens;
import dk.sammen.notification.token.TokenPurpose;
import dk.sammen.platform.problem.Violations;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** The public subscription API (CONTRACT section 6); every link carries a purpose-bound token. */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

	/** The form field the HTML pages send, so a browser is sent on to a page instead of JSON. */
	static final String FROM_PAGE = "page";

	private final SubscriptionService subscriptions;

	private final SubscriptionTokens tokens;

	SubscriptionController(SubscriptionService subscriptions, SubscriptionTokens tokens) {
		this.subscriptions = subscriptions;
		this.tokens = tokens;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Map<String, String>> subscribe(@RequestBody SubscriptionRequest request, ServerHttpRequest http) {
		return this.subscriptions.subscribe(request, client(http))
			.thenReturn(Map.of("message",
					"If the address can receive mail, it gets a message; the subscription starts once it is confirmed."));
	}

	@PostMapping("/confirm")
	Mono<ResponseEntity<Object>> confirm(@RequestParam String token, ServerWebExchange exchange) {
		String subscriberId = this.tokens.verify(TokenPurpose.CONFIRM, token);
		return this.subscriptions.confirm(subscriberId)
			.flatMap((subscriber) -> answer(exchange, "confirmed", subscriber.preferences().language().code()));
	}

	/** RFC 8058 one-click: mail clients POST {@code List-Unsubscribe=One-Click} to the URL in the header. */
	@PostMapping("/unsubscribe")
	Mono<ResponseEntity<Object>> unsubscribe(@RequestParam String token, ServerWebExchange exchange) {
		String subscriberId = this.tokens.verify(TokenPurpose.UNSUBSCRIBE, token);
		return this.subscriptions.unsubscribe(subscriberId)
			.then(this.subscriptions.find(subscriberId)
				.map((subscriber) -> subscriber.preferences().language().code())
				.onErrorReturn("da"))
			.flatMap((language) -> answer(exchange, "unsubscribed", language));
	}

	@GetMapping("/me")
	Mono<SubscriptionView> me(@RequestParam String token) {
		return this.subscriptions.find(this.tokens.verify(TokenPurpose.MANAGE, token)).map(SubscriptionView::of);
	}

	@PutMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<SubscriptionView> update(@RequestParam String token, @RequestBody SubscriptionRequest request) {
		if (request.email() != null) {
			Violations violations = new Violations();
			violations.add("email", "cannot be changed; subscribe the new address");
			violations.throwIfAny();
		}
		return this.subscriptions.updatePreferences(this.tokens.verify(TokenPurpose.MANAGE, token), request)
			.map(SubscriptionView::of);
	}

	@DeleteMapping("/me")
	Mono<ResponseEntity<Void>> erase(@RequestParam String token) {
		return this.subscriptions.erase(this.tokens.verify(TokenPurpose.MANAGE, token))
			.thenReturn(ResponseEntity.noContent().build());
	}

	/** JSON for API clients; a redirect to a page for the HTML forms. */
	private static Mono<ResponseEntity<Object>> answer(ServerWebExchange exchange, String status, String language) {
		return exchange.getFormData().map((form) -> fromPage(form)
				? ResponseEntity.status(HttpStatus.SEE_OTHER)
					.location(URI.create("/api/v1/subscriptions/done?status=" + status + "&lang=" + language))
					.build()
				: ResponseEntity.ok(Map.of("status", status)));
	}

	private static boolean fromPage(MultiValueMap<String, String> form) {
		return form.containsKey(FROM_PAGE);
	}

	/**
	 * The address limits count per client: the gateway appends the caller's address to
	 * {@code X-Forwarded-For}, so its last entry is the one no client can forge.
	 */
	static String client(ServerHttpRequest request) {
		String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
		if (forwarded != null && !forwarded.isBlank()) {
			String[] hops = forwarded.split(",");
			return hops[hops.length - 1].trim();
		}
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

}
