package dk.sammen.gateway.routing;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns "the service cannot be reached" into a 503 problem. Without it the connection failure
 * would surface as an unexplained 500, which tells clients the request itself was at fault and
 * tells operators nothing about which service is missing.
 */
final class BackendUnavailableFilter implements GlobalFilter, Ordered {

	private static final Log logger = LogFactory.getLog(BackendUnavailableFilter.class);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange)
			.onErrorMap(BackendUnavailableFilter::isUnreachable, (ex) -> unavailable(exchange, ex));
	}

	/** Outermost, so that it sees the failure of the routing filter at the end of the chain. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private static boolean isUnreachable(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			// ConnectException covers refused connections and Netty's connect timeout
			if (current instanceof ConnectException || current instanceof NoRouteToHostException
					|| current instanceof UnknownHostException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static Throwable unavailable(ServerWebExchange exchange, Throwable ex) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String service = (route != null) ? route.getId() : "The service";
		logger.warn(service + " is unreachable: " + ex.getMessage());
		return ApiProblem.serviceUnavailable(service + " is unavailable; try again shortly");
	}

}
