package dk.sammen.events.event;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import dk.sammen.platform.web.QueryParameters;
import dk.sammen.platform.text.SearchWords;
import dk.sammen.platform.web.KeysetCursor;

import static dk.sammen.platform.web.QueryParameters.bool;
import static dk.sammen.platform.web.QueryParameters.instant;
import static dk.sammen.platform.web.QueryParameters.point;
import static dk.sammen.platform.web.QueryParameters.values;

/**
 * The public listing's filters (CONTRACT section 5), parsed and checked. Repeated parameters are
 * alternatives (any of them); different parameters must all hold.
 *
 * @param from the window's start: events that end after it (default: now)
 * @param to the window's end: events that start before it
 */
record ListingQuery(List<String> kommuner, List<String> regions, List<String> programmes, List<String> campaigns,
		List<String> arenas, List<String> interventionTypes, List<String> targetGroups, @Nullable Instant from,
		@Nullable Instant to, @Nullable GeoPoint near, double radiusKm, @Nullable Boolean free,
		@Nullable Boolean online, List<String> welcome, List<String> words, int limit,
		@Nullable KeysetCursor cursor) {

	static final int DEFAULT_LIMIT = QueryParameters.DEFAULT_LIMIT;

	static final int MAX_LIMIT = QueryParameters.MAX_LIMIT;

	static final double DEFAULT_RADIUS_KM = 10;

	static final double MAX_RADIUS_KM = 500;

	static ListingQuery parse(MultiValueMap<String, String> params, Kommuner kommuner) {
		Violations violations = new Violations();
		List<String> kommuneCodes = values(params, "kommune");
		violations.require(kommuneCodes.stream().allMatch(kommuner::isKommune), "kommune",
				"official four-digit kommune codes such as '0661'");
		List<String> regions = values(params, "region");
		violations.require(regions.stream().allMatch(kommuner::isRegion), "region", "region codes 1081 to 1085");
		List<String> programmes = known(violations, params, "programme", Vocabulary.PROGRAMMES);
		List<String> arenas = known(violations, params, "arena", Vocabulary.ARENAS);
		List<String> interventionTypes = known(violations, params, "interventionType", Vocabulary.INTERVENTION_TYPES);
		List<String> targetGroups = known(violations, params, "targetGroup", Vocabulary.TARGET_GROUPS);
		List<String> welcome = known(violations, params, "welcome", Vocabulary.WELCOME);
		List<String> campaigns = values(params, "campaign");
		Instant from = instant(violations, params.getFirst("from"), "from", false);
		Instant to = instant(violations, params.getFirst("to"), "to", true);
		GeoPoint near = null;
		String nearValue = params.getFirst("near");
		if (nearValue != null) {
			near = point(nearValue);
			violations.require(near != null, "near", "latitude,longitude such as '56.36,8.62'");
		}
		double radius = number(violations, params.getFirst("radiusKm"), "radiusKm", DEFAULT_RADIUS_KM, 0.1,
				MAX_RADIUS_KM);
		int limit = QueryParameters.limit(violations, params.getFirst("limit"));
		KeysetCursor cursor = null;
		String cursorValue = params.getFirst("cursor");
		if (cursorValue != null) {
			cursor = KeysetCursor.decode(KeysetCursor.EVENTS, cursorValue).orElse(null);
			violations.require(cursor != null, "cursor", "use the nextCursor of an earlier answer");
		}
		Boolean free = bool(violations, params, "free");
		Boolean online = bool(violations, params, "online");
		String q = params.getFirst("q");
		violations.require(q == null || q.length() <= 200, "q", "at most 200 characters");
		if (!violations.isEmpty()) {
			ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameters",
					violations.list().size() + " query parameter(s) are not valid");
			problem.getBody().setProperty("errors", violations.list());
			throw problem;
		}
		return new ListingQuery(kommuneCodes, regions, programmes, campaigns, arenas, interventionTypes, targetGroups,
				from, to, near, radius, free, online, welcome,
				(q != null) ? SearchWords.ofQuery(q) : List.of(), limit, cursor);
	}

	private static List<String> known(Violations violations, MultiValueMap<String, String> params, String name,
			Set<String> allowed) {
		List<String> values = values(params, name);
		violations.require(allowed.containsAll(values), name, "one or more of " + allowed.stream().sorted().toList());
		return values;
	}

	private static double number(Violations violations, @Nullable String value, String name, double fallback,
			double min, double max) {
		if (value == null) {
			return fallback;
		}
		try {
			double parsed = Double.parseDouble(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		violations.add(name, "a number from " + min + " to " + max);
		return fallback;
	}

}
