package dk.sammen.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts every read against its client address, before anything else happens to it: proxied
 * listings and the gateway's own feed and API documentation alike, which a route filter would not
 * see. Writes are left to {@link WriteRateLimitFilter}, which needs the authenticated key. The
 * actuator is left alone, so that probes and scrapes are never refused.
 */
final class ReadRateLimitFilter implements WebFilter, Ordered {

	private final RateLimitGuard guard;

	private final String actuatorPath;

	ReadRateLimitFilter(RateLimitGuard guard, String actuatorBasePath) {
		this.guard = guard;
		this.actuatorPath = actuatorBasePath.replaceAll("/+$", "");
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (RequestKind.of(exchange.getRequest().getMethod()) != RequestKind.READ || isActuator(exchange)) {
			return chain.filter(exchange);
		}
		return this.guard.check(exchange, RequestKind.READ).then(Mono.defer(() -> chain.filter(exchange)));
	}

	/** Early, so that a refused read costs nothing else. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	private boolean isActuator(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		return path.equals(this.actuatorPath) || path.startsWith(this.actuatorPath + "/");
	}

}
