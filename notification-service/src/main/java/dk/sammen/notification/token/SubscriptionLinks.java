package dk.sammen.notification.token;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The links mails carry, each with a fresh token for its one purpose, on the public (gateway) address. */
@Component
public class SubscriptionLinks {

	private final SubscriptionTokens tokens;

	private final URI baseUrl;

	SubscriptionLinks(SubscriptionTokens tokens, LinkProperties properties) {
		this.tokens = tokens;
		this.baseUrl = properties.baseUrl();
	}

	public URI confirm(String subscriberId) {
		return link("/api/v1/subscriptions/confirm", TokenPurpose.CONFIRM, subscriberId);
	}

	public URI manage(String subscriberId) {
		return link("/api/v1/subscriptions/me", TokenPurpose.MANAGE, subscriberId);
	}

	public URI unsubscribe(String subscriberId) {
		return link("/api/v1/subscriptions/unsubscribe", TokenPurpose.UNSUBSCRIBE, subscriberId);
	}

	/** A public page for an event without a registration link of its own. */
	public URI event(String eventId) {
		return UriComponentsBuilder.fromUri(this.baseUrl).path("/api/v1/events/{id}").buildAndExpand(eventId).toUri();
	}

	private URI link(String path, TokenPurpose purpose, String subscriberId) {
		return UriComponentsBuilder.fromUri(this.baseUrl)
			.path(path)
			.queryParam("token", this.tokens.issue(purpose, subscriberId))
			.build()
			.toUri();
	}

	/**
	 * @param baseUrl where the public reaches the gateway, e.g. {@code https://sammen.dk}
	 */
	@ConfigurationProperties("sammen.notification.links")
	record LinkProperties(@DefaultValue("http://localhost:8080") URI baseUrl) {
	}

}
