package dk.sammen.notification.subscription;

import reactor.core.publisher.Mono;

import dk.sammen.notification.token.SubscriptionTokens;
import dk.sammen.notification.token.TokenPurpose;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;

/**
 * The pages behind the links in mails. Opening a link only shows a button: mail scanners and
 * link previews fetch links, and must not confirm or unsubscribe anyone by doing so.
 */
@Controller
@RequestMapping("/api/v1/subscriptions")
class SubscriptionPages {

	private final SubscriptionService subscriptions;

	private final SubscriptionTokens tokens;

	SubscriptionPages(SubscriptionService subscriptions, SubscriptionTokens tokens) {
		this.subscriptions = subscriptions;
		this.tokens = tokens;
	}

	@GetMapping("/confirm")
	Mono<Rendering> confirmPage(@RequestParam String token) {
		return page("subscription/confirm", TokenPurpose.CONFIRM, token);
	}

	@GetMapping("/unsubscribe")
	Mono<Rendering> unsubscribePage(@RequestParam String token) {
		return page("subscription/unsubscribe", TokenPurpose.UNSUBSCRIBE, token);
	}

	@GetMapping("/done")
	Rendering done(@RequestParam(defaultValue = "confirmed") String status, @RequestParam(defaultValue = "da") String lang) {
		return Rendering.view("subscription/done")
			.modelAttribute("status", "unsubscribed".equals(status) ? "unsubscribed" : "confirmed")
			.modelAttribute("lang", "en".equals(lang) ? "en" : "da")
			.build();
	}

	private Mono<Rendering> page(String view, TokenPurpose purpose, String token) {
		String subscriberId = this.tokens.verify(purpose, token);
		return this.subscriptions.find(subscriberId)
			.map((subscriber) -> Rendering.view(view)
				.modelAttribute("token", token)
				.modelAttribute("email", subscriber.email())
				.modelAttribute("lang", subscriber.preferences().language().code())
				.modelAttribute("pageField", SubscriptionController.FROM_PAGE)
				.build());
	}

}
