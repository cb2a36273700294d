package dk.sammen.gateway.feed;

import java.util.List;

import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import dk.sammen.platform.web.QueryParameters;

/**
 * A feed request: the filters, which the sources check and apply themselves, and the feed's own
 * page size and cursor.
 *
 * @param filters the contract's filter parameters as sent, nothing else
 */
record FeedQuery(MultiValueMap<String, String> filters, int limit, FeedCursor cursor) {

	static final List<String> FILTERS = List.of("kommune", "region", "programme", "campaign", "arena",
			"interventionType", "targetGroup", "from", "to", "near", "radiusKm", "free", "online", "welcome", "q");

	static final int DEFAULT_LIMIT = QueryParameters.DEFAULT_LIMIT;

	static final int MAX_LIMIT = QueryParameters.MAX_LIMIT;

	static FeedQuery parse(MultiValueMap<String, String> params) {
		Violations violations = new Violations();
		MultiValueMap<String, String> filters = filters(params);
		int limit = QueryParameters.limit(violations, params.getFirst("limit"));
		FeedCursor cursor = FeedCursor.START;
		String cursorValue = params.getFirst("cursor");
		if (cursorValue != null) {
			FeedCursor decoded = FeedCursor.decode(cursorValue).orElse(null);
			violations.require(decoded != null, "cursor", "use the nextCursor of an earlier answer");
			cursor = (decoded != null) ? decoded : FeedCursor.START;
		}
		if (!violations.isEmpty()) {
			throw invalid(violations.list());
		}
		return new FeedQuery(filters, limit, cursor);
	}

	/** Only the filters of a request, for the stream, which has no pages. */
	static FeedQuery filtersOf(MultiValueMap<String, String> params) {
		return new FeedQuery(filters(params), DEFAULT_LIMIT, FeedCursor.START);
	}

	private static MultiValueMap<String, String> filters(MultiValueMap<String, String> params) {
		MultiValueMap<String, String> filters = new LinkedMultiValueMap<>();
		for (String name : FILTERS) {
			List<String> values = params.get(name);
			if (values != null) {
				filters.put(name, List.copyOf(values));
			}
		}
		return filters;
	}

	/** The same problem events-service answers for bad filters, so a client sees one kind. */
	static ApiProblem invalid(List<?> errors) {
		ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameters",
				errors.size() + " query parameter(s) are not valid");
		problem.getBody().setProperty("errors", errors);
		return problem;
	}

	boolean has(String filter) {
		return this.filters.containsKey(filter);
	}

	List<String> values(String filter) {
		return this.filters.getOrDefault(filter, List.of());
	}

}
