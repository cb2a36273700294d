package dk.sammen.platform.identity;

import java.util.Optional;

import reactor.core.publisher.Mono;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves a {@link CallerIdentity} handler parameter, answering 401 when the caller is anonymous;
 * an {@code Optional<CallerIdentity>} parameter is for endpoints open to everyone.
 */
public class CallerIdentityArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CallerIdentity.class || (parameter.getParameterType() == Optional.class
				&& parameter.nested().getNestedParameterType() == CallerIdentity.class);
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		CallerIdentity caller = exchange.getAttribute(SignedIdentityWebFilter.CALLER_ATTRIBUTE);
		if (parameter.getParameterType() == Optional.class) {
			return Mono.just(Optional.ofNullable(caller));
		}
		if (caller == null) {
			return Mono.error(ApiProblem.unauthorized("Send 'Authorization: Bearer <api-key>'"));
		}
		return Mono.just(caller);
	}

}
