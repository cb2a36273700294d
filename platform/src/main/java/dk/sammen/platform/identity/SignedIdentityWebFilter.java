package dk.sammen.platform.identity;

import reactor.core.publisher.Mono;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Accepts the caller's identity only as signed by the gateway. A request without one is
 * anonymous; a request with a forged, expired or malformed one is refused outright.
 */
public class SignedIdentityWebFilter implements WebFilter, Ordered {

	/** Exchange attribute holding the verified {@link CallerIdentity}. */
	public static final String CALLER_ATTRIBUTE = CallerIdentity.class.getName();

	private final SignedIdentities identities;

	private final String header;

	public SignedIdentityWebFilter(SignedIdentities identities, String header) {
		this.identities = identities;
		this.header = header;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String presented = exchange.getRequest().getHeaders().getFirst(this.header);
		if (presented == null) {
			return chain.filter(exchange);
		}
		return this.identities.verify(presented).map((caller) -> {
			exchange.getAttributes().put(CALLER_ATTRIBUTE, caller);
			return chain.filter(exchange);
		}).orElseGet(() -> Mono.error(ApiProblem.unauthorized("The caller identity is not valid")));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
