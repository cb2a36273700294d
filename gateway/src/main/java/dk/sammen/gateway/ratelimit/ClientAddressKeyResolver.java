package dk.sammen.gateway.ratelimit;

import reactor.core.publisher.Mono;

import dk.sammen.gateway.ClientAddresses;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/** Keys an anonymous request by its {@link ClientAddresses client address}. */
final class ClientAddressKeyResolver implements KeyResolver {

	static final String X_FORWARDED_FOR = ClientAddresses.X_FORWARDED_FOR;

	private final ClientAddresses addresses;

	ClientAddressKeyResolver(int trustedProxies) {
		this(new ClientAddresses(trustedProxies));
	}

	ClientAddressKeyResolver(ClientAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return Mono.just("ip:" + clientAddress(exchange.getRequest()));
	}

	String clientAddress(ServerHttpRequest request) {
		return this.addresses.of(request);
	}

}
