package dk.sammen.gateway.feed;

import reactor.core.publisher.Mono;

import dk.sammen.gateway.WriteRequests;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every write this gateway forwarded to a service makes the feed's validators stale once its
 * answer is back, so that the writer's next conditional GET already sees the change, without
 * waiting for the service's outbox to bring it onto a topic.
 */
final class FeedWritesFilter implements GlobalFilter, Ordered {

	private final FeedValidators validators;

	FeedWritesFilter(FeedValidators validators) {
		this.validators = validators;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!WriteRequests.isWrite(exchange.getRequest().getMethod())) {
			return chain.filter(exchange);
		}
		// before the answer goes out, so that the writer's next request already finds the validators
		// stale; again at the end, for a write that failed or was cut off after the service took it
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> changedIfForwarded(exchange)));
		return chain.filter(exchange).doFinally((signal) -> changedIfForwarded(exchange));
	}

	/** Only what reached a service: refused writes (401, 413, 429) could otherwise flush the validators at will. */
	private void changedIfForwarded(ServerWebExchange exchange) {
		if (ServerWebExchangeUtils.isAlreadyRouted(exchange)) {
			this.validators.changed();
		}
	}

	/** Outermost but one, so that its last word comes after everything else the request did. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
