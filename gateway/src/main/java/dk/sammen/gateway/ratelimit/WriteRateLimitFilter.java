package dk.sammen.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Counts every write against the API key it was sent with. A global filter, because only inside
 * the gateway's filter chain has the key been authenticated; every write is routed through that
 * chain, the unknown paths' 404 route included, since the gateway's own handlers only read.
 */
final class WriteRateLimitFilter implements GlobalFilter, Ordered {

	private final RateLimitGuard guard;

	WriteRateLimitFilter(RateLimitGuard guard) {
		this.guard = guard;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (RequestKind.of(exchange.getRequest().getMethod()) != RequestKind.WRITE) {
			return chain.filter(exchange);
		}
		return this.guard.check(exchange, RequestKind.WRITE).then(Mono.defer(() -> chain.filter(exchange)));
	}

	/**
	 * After API-key authentication (which an invalid key never passes), before the body limit,
	 * so that a refused write is not read at all.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 150;
	}

}
