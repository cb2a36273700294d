package dk.sammen.campaign.activity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import dk.sammen.platform.web.QueryParameters;
import dk.sammen.platform.web.KeysetCursor;

import static dk.sammen.platform.web.QueryParameters.instant;
import static dk.sammen.platform.web.QueryParameters.values;

/**
 * The public listing's filters, with the semantics of {@code GET /api/v1/events}: repeated
 * parameters are alternatives, different parameters must all hold, {@code from}/{@code to} select
 * what overlaps the window (default from now), keyset cursor. A nationwide activity matches every
 * {@code kommune} and {@code region}, as an event for {@code alle} matches every target group.
 */
record ActivityQuery(List<String> kommuner, List<String> regions, List<String> campaigns, List<String> kinds,
		@Nullable Instant from, @Nullable Instant to, int limit, @Nullable KeysetCursor cursor) {

	static final int DEFAULT_LIMIT = QueryParameters.DEFAULT_LIMIT;

	static final int MAX_LIMIT = QueryParameters.MAX_LIMIT;

	private static final Set<String> KNOWN = Set.of("kommune", "region", "campaign", "kind", "from", "to", "limit",
			"cursor");

	static ActivityQuery parse(MultiValueMap<String, String> params, Kommuner kommuner) {
		Violations violations = new Violations();
		params.keySet().stream().filter((name) -> !KNOWN.contains(name)).sorted()
			.forEach((name) -> violations.add(name, "not a filter of this listing; use " + KNOWN.stream().sorted().toList()));
		List<String> kommuneCodes = values(params, "kommune");
		violations.require(kommuneCodes.stream().allMatch(kommuner::isKommune), "kommune",
				"official four-digit kommune codes such as '0661'");
		List<String> regions = values(params, "region");
		violations.require(regions.stream().allMatch(kommuner::isRegion), "region", "region codes 1081 to 1085");
		List<String> campaigns = values(params, "campaign");
		List<String> kinds = values(params, "kind");
		violations.require(ActivityVocabulary.KINDS.containsAll(kinds), "kind",
				"one or more of " + ActivityVocabulary.KINDS.stream().sorted().toList());
		Instant from = instant(violations, params.getFirst("from"), "from", false);
		Instant to = instant(violations, params.getFirst("to"), "to", true);
		int limit = QueryParameters.limit(violations, params.getFirst("limit"));
		KeysetCursor cursor = null;
		String cursorValue = params.getFirst("cursor");
		if (cursorValue != null) {
			cursor = KeysetCursor.decode(KeysetCursor.ACTIVITIES, cursorValue).orElse(null);
			violations.require(cursor != null, "cursor", "use the nextCursor of an earlier answer");
		}
		if (!violations.isEmpty()) {
			ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameters",
					violations.list().size() + " query parameter(s) are not valid");
			problem.getBody().setProperty("errors", violations.list());
			throw problem;
		}
		return new ActivityQuery(kommuneCodes, regions, campaigns, kinds, from, to, limit, cursor);
	}

	ActivityQuery inCampaign(String campaign) {
		return new ActivityQuery(this.kommuner, this.regions, List.of(campaign), this.kinds, this.from, this.to,
				this.limit, this.cursor);
	}

}
