package dk.sammen.gateway.feed;

import java.util.List;

/**
 * A source answered 400 or 422: the client's filters are wrong, not the source. Never counted
 * as a failure by the circuit breaker.
 */
final class SourceRejectedQuery extends RuntimeException {

	private final List<?> errors;

	SourceRejectedQuery(String source, List<?> errors) {
		super(source + " rejected the query", null, false, false);
		this.errors = List.copyOf(errors);
	}

	List<?> errors() {
		return this.errors;
	}

}
