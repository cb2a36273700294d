package dk.sammen.campaign.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

import static dk.sammen.platform.web.QueryParameters.instant;
import static dk.sammen.platform.web.QueryParameters.values;

/**
 * What a coverage question asks: the period and the kind of offer. Repeated values of one filter
 * are alternatives, different filters must all hold (as in the public listing); a {@code targetGroup}
 * filter also matches events for {@code alle}.
 *
 * @param from start of the period (default now)
 * @param to end of the period, exclusive (default {@code from} + {@code default-period}); a date means
 * the end of that Danish day
 * @param withinKm radius around each kommune's reference point for the reach figures
 * @param rankBy how the gap list is ordered
 * @param style how the map is drawn
 */
record CoverageQuery(Instant from, Instant to, List<String> programmes, List<String> arenas,
		List<String> interventionTypes, List<String> targetGroups, double withinKm, RankBy rankBy, MapStyle style) {

	/** The order of the gap list: most residents first, or farthest from the nearest offer first. */
	enum RankBy {

		POPULATION, DISTANCE;

		static @Nullable RankBy of(String value) {
			return switch (value) {
				case "population" -> POPULATION;
				case "distance" -> DISTANCE;
				default -> null;
			};
		}

		String slug() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** The map: kommune outlines filled by offers (default), or one circle per kommune. */
	enum MapStyle {

		CHOROPLETH, POINTS;

		static @Nullable MapStyle of(String value) {
			return switch (value) {
				case "choropleth" -> CHOROPLETH;
				case "points" -> POINTS;
				default -> null;
			};
		}

	}

	static final Set<String> FILTERS = Set.of("from", "to", "programme", "arena", "interventionType", "targetGroup",
			"withinKm");

	static final Set<String> GAP_FILTERS = union(FILTERS, "rankBy");

	static final Set<String> MAP_FILTERS = union(FILTERS, "style");

	static CoverageQuery parse(MultiValueMap<String, String> params, Set<String> known, Instant now,
			CoverageProperties properties) {
		Violations violations = new Violations();
		params.keySet().stream().filter((name) -> !known.contains(name)).sorted()
			.forEach((name) -> violations.add(name, "not a parameter of this query; use " + new TreeSet<>(known)));
		List<String> programmes = vocabulary(violations, params, "programme", CoverageVocabulary.PROGRAMMES);
		List<String> arenas = vocabulary(violations, params, "arena", CoverageVocabulary.ARENAS);
		List<String> interventionTypes = vocabulary(violations, params, "interventionType",
				CoverageVocabulary.INTERVENTION_TYPES);
		List<String> targetGroups = vocabulary(violations, params, "targetGroup", CoverageVocabulary.TARGET_GROUPS);
		Instant from = instant(violations, params.getFirst("from"), "from", false);
		Instant to = instant(violations, params.getFirst("to"), "to", true);
		Instant start = (from != null) ? from : now;
		Instant end = (to != null) ? to : start.plus(properties.defaultPeriod());
		if (from != null || to != null) {
			if (violations.require(end.isAfter(start), "to", "after from")) {
				violations.require(Duration.between(start, end).compareTo(properties.maxPeriod()) <= 0, "to",
						"at most " + properties.maxPeriod().toDays() + " days after from");
			}
		}
		double withinKm = withinKm(violations, params.getFirst("withinKm"), properties);
		RankBy rankBy = RankBy.POPULATION;
		String rank = params.getFirst("rankBy");
		if (rank != null) {
			RankBy parsed = RankBy.of(rank);
			violations.require(parsed != null, "rankBy", "population or distance");
			rankBy = (parsed != null) ? parsed : rankBy;
		}
		MapStyle style = MapStyle.CHOROPLETH;
		String styleValue = params.getFirst("style");
		if (styleValue != null) {
			MapStyle parsed = MapStyle.of(styleValue);
			violations.require(parsed != null, "style", "choropleth or points");
			style = (parsed != null) ? parsed : style;
		}
		if (!violations.isEmpty()) {
			ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameters",
					violations.list().size() + " query parameter(s) are not valid");
			problem.getBody().setProperty("errors", violations.list());
			throw problem;
		}
		return new CoverageQuery(start, end, programmes, arenas, interventionTypes, targetGroups, withinKm, rankBy,
				style);
	}

	/** The filters as they were understood, echoed in every answer. */
	Map<String, Object> filters() {
		Map<String, Object> filters = new LinkedHashMap<>();
		filters.put("programme", this.programmes);
		filters.put("arena", this.arenas);
		filters.put("interventionType", this.interventionTypes);
		filters.put("targetGroup", this.targetGroups);
		return filters;
	}

	private static List<String> vocabulary(Violations violations, MultiValueMap<String, String> params, String name,
			List<String> allowed) {
		List<String> given = values(params, name);
		violations.require(allowed.containsAll(given), name, "one or more of " + allowed);
		return given;
	}

	private static double withinKm(Violations violations, @Nullable String value, CoverageProperties properties) {
		if (value == null) {
			return properties.defaultWithinKm();
		}
		if (value.matches("^[0-9]{1,3}(\\.[0-9]{1,2})?$")) {
			double km = Double.parseDouble(value);
			if (km > 0 && km <= properties.maxWithinKm()) {
				return km;
			}
		}
		violations.add("withinKm", "kilometres, more than 0 and at most " + properties.maxWithinKm());
		return properties.defaultWithinKm();
	}

	private static Set<String> union(Set<String> names, String more) {
		Set<String> all = new TreeSet<>(names);
		all.add(more);
		return Set.copyOf(all);
	}

}
