package dk.sammen.gateway.ratelimit;

import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keys a request by the API key it was authenticated with, or by the client's address when it
 * came without one. The gateway's key authentication has by then replaced the key with a signed
 * identity carrying the key's id; that header is all this needs, and only the gateway can sign it.
 */
final class CallerKeyResolver implements KeyResolver {

	private final SignedIdentities identities;

	private final String identityHeader;

	private final ClientAddressKeyResolver anonymous;

	CallerKeyResolver(SignedIdentities identities, String identityHeader, ClientAddressKeyResolver anonymous) {
		this.identities = identities;
		this.identityHeader = identityHeader;
		this.anonymous = anonymous;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		String identity = exchange.getRequest().getHeaders().getFirst(this.identityHeader);
		return (identity == null) ? this.anonymous.resolve(exchange)
				: this.identities.verify(identity)
					.map((caller) -> Mono.just("key:" + caller.keyId()))
					.orElseGet(() -> this.anonymous.resolve(exchange));
	}

}
