package dk.sammen.notification.subscription;

import java.util.Map;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dk.sammen.notification.mail.Language;
import dk.sammen.notification.token.SubscriptionTokens;
import dk.sammen.notification.token.TokenPurpose;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages behind the links in mails. Opening a link only shows a button: mail scanners and
 * link previews fetch links, and must not confirm or unsubscribe anyone by doing so.
 */
@Controller
@RequestMapping("/api/v1/subscriptions")
class SubscriptionPages {

	private final SubscriptionService subscriptions;

	private final SubscriptionTokens tokens;

	private final ITemplateEngine templates;

	SubscriptionPages(SubscriptionService subscriptions, SubscriptionTokens tokens, ITemplateEngine templates) {
		this.subscriptions = subscriptions;
		this.tokens = tokens;
		this.templates = templates;
	}

	@GetMapping("/confirm")
	Mono<ResponseEntity<String>> confirmPage(@RequestParam String token) {
		return page("subscription/confirm", TokenPurpose.CONFIRM, token);
	}

	@GetMapping("/unsubscribe")
	Mono<ResponseEntity<String>> unsubscribePage(@RequestParam String token) {
		return page("subscription/unsubscribe", TokenPurpose.UNSUBSCRIBE, token);
	}

	@GetMapping("/done")
	Mono<ResponseEntity<String>> done(@RequestParam(defaultValue = "confirmed") String status,
			@RequestParam(defaultValue = "da") String lang) {
		return render("subscription/done", Map.of("status", "unsubscribed".equals(status) ? "unsubscribed" : "confirmed",
				"lang", Language.EN.code().equals(lang) ? Language.EN.code() : Language.DA.code()));
	}

	private Mono<ResponseEntity<String>> page(String view, TokenPurpose purpose, String token) {
		String subscriberId = this.tokens.verify(purpose, token);
		return this.subscriptions.find(subscriberId)
			.flatMap((subscriber) -> render(view, Map.of("token", token, "email", subscriber.email(), "lang",
					subscriber.preferences().language().code(), "pageField", SubscriptionController.FROM_PAGE)));
	}

	/** Thymeleaf reads a template from the class path the first time: off the event loop. */
	private Mono<ResponseEntity<String>> render(String view, Map<String, Object> model) {
		return Mono.fromCallable(() -> this.templates.process(view, new Context(java.util.Locale.ROOT, model)))
			.subscribeOn(Schedulers.boundedElastic())
			.map((html) -> ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html));
	}

}
