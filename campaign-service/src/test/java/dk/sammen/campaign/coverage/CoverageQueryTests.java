package dk.sammen.campaign.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.FieldViolation;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading a coverage question: defaults, Danish dates, and every bad parameter named at once. */
class CoverageQueryTests {

	private static final Instant NOW = Instant.parse("2033-03-05T09:00:00Z");

	private static final CoverageProperties DEFAULTS = new CoverageProperties(Duration.ofDays(90),
			Duration.ofDays(732), 10, 200, Duration.ofSeconds(60));

	@Test
	void parse_nothingGiven_isNextNinetyDaysWithinTenKmRankedByPopulation() {
		CoverageQuery query = CoverageQuery.parse(new LinkedMultiValueMap<>(), CoverageQuery.GAP_FILTERS, NOW, DEFAULTS);
		assertThat(query.from()).isEqualTo(NOW);
		assertThat(query.to()).isEqualTo(NOW.plus(Duration.ofDays(90)));
		assertThat(query.withinKm()).isEqualTo(10);
		assertThat(query.rankBy()).isEqualTo(CoverageQuery.RankBy.POPULATION);
	}

	@Test
	void parse_dates_areDanishDaysWithToInclusive() {
		CoverageQuery query = CoverageQuery.parse(params("from", "2033-03-01", "to", "2033-03-31", "withinKm", "2.5",
				"arena", "hjem-og-bolig,sundhed-og-pleje", "targetGroup", "aeldre"), CoverageQuery.FILTERS, NOW, DEFAULTS);
		assertThat(query.from()).isEqualTo(Instant.parse("2033-02-28T23:00:00Z"));
		assertThat(query.to()).isEqualTo(Instant.parse("2033-03-31T22:00:00Z"));
		assertThat(query.withinKm()).isEqualTo(2.5);
		assertThat(query.arenas()).containsExactly("hjem-og-bolig", "sundhed-og-pleje");
		assertThat(query.targetGroups()).containsExactly("aeldre");
	}

	@Test
	void parse_badParameters_is400NamingEachOne() {
		ApiProblem problem = catchThrowableOfType(ApiProblem.class,
				() -> CoverageQuery.parse(params("from", "2033-03-10", "to", "2033-03-01", "withinKm", "0", "arena",
						"golf", "interventionType", "yoga", "targetGroup", "katte", "programme", "x", "q", "ensom"),
						CoverageQuery.FILTERS, NOW, DEFAULTS));
		assertThat(problem.getStatusCode().value()).isEqualTo(400);
		assertThat(problem.getBody().getType().toString()).endsWith("/invalid-query");
		@SuppressWarnings("unchecked")
		List<FieldViolation> errors = (List<FieldViolation>) problem.getBody().getProperties().get("errors");
		assertThat(errors).extracting(FieldViolation::field)
			.containsExactlyInAnyOrder("q", "programme", "arena", "interventionType", "targetGroup", "to", "withinKm");
	}

	@Test
	void parse_periodLongerThanMaximum_is400() {
		ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> CoverageQuery
			.parse(params("from", "2033-01-01", "to", "2036-01-01"), CoverageQuery.FILTERS, NOW, DEFAULTS));
		assertThat(problem.getStatusCode().value()).isEqualTo(400);
	}

	@Test
	void parse_rankByOnlyForGaps() {
		assertThat(CoverageQuery.parse(params("rankBy", "distance"), CoverageQuery.GAP_FILTERS, NOW, DEFAULTS).rankBy())
			.isEqualTo(CoverageQuery.RankBy.DISTANCE);
		assertThat(catchThrowableOfType(ApiProblem.class,
				() -> CoverageQuery.parse(params("rankBy", "distance"), CoverageQuery.FILTERS, NOW, DEFAULTS)))
			.isNotNull();
		assertThat(catchThrowableOfType(ApiProblem.class,
				() -> CoverageQuery.parse(params("rankBy", "alphabet"), CoverageQuery.GAP_FILTERS, NOW, DEFAULTS)))
			.isNotNull();
	}

	@Test
	void parse_styleOnlyForTheMap_choroplethByDefault() {
		assertThat(CoverageQuery.parse(params(), CoverageQuery.MAP_FILTERS, NOW, DEFAULTS).style())
			.isEqualTo(CoverageQuery.MapStyle.CHOROPLETH);
		assertThat(CoverageQuery.parse(params("style", "points"), CoverageQuery.MAP_FILTERS, NOW, DEFAULTS).style())
			.isEqualTo(CoverageQuery.MapStyle.POINTS);
		assertThat(catchThrowableOfType(ApiProblem.class,
				() -> CoverageQuery.parse(params("style", "points"), CoverageQuery.FILTERS, NOW, DEFAULTS)))
			.isNotNull();
		ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> CoverageQuery
			.parse(params("style", "heatmap", "withinKm", "-1"), CoverageQuery.MAP_FILTERS, NOW, DEFAULTS));
		@SuppressWarnings("unchecked")
		List<FieldViolation> errors = (List<FieldViolation>) problem.getBody().getProperties().get("errors");
		assertThat(errors).extracting(FieldViolation::field).containsExactlyInAnyOrder("style", "withinKm");
	}

	private static MultiValueMap<String, String> params(String... namesAndValues) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			params.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return params;
	}

}
