package dk.sammen.campaign.programme;

import java.time.LocalDate;
import java.util.List;

/** The answer of {@code GET /api/v1/programmes/danmark-spiser-sammen/weeks}. */
record ProgrammeWeeks(String programme, LocalDate today, List<Week> weeks) {

	/**
	 * One Danmark Spiser Sammen week.
	 *
	 * @param year the ISO week-based year (the calendar year, for weeks 17 and 45)
	 * @param monday its first day, Danish time
	 * @param sunday its last day, Danish time
	 * @param meals published meals starting in it
	 * @param byRegion meals per region, all five regions listed
	 */
	record Week(int year, int week, LocalDate monday, LocalDate sunday, int meals, List<RegionMeals> byRegion) {
	}

	record RegionMeals(String code, String name, int meals) {
	}

}
