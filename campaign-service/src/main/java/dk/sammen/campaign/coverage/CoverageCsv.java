package dk.sammen.campaign.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dk.sammen.campaign.coverage.CoverageReport.KommuneCoverage;

/**
 * The per-kommune rows of a {@link CoverageReport} as CSV (RFC 4180: comma, CRLF, a header row,
 * quotes where needed), one row per kommune in code order; the region and national totals are in
 * the JSON answer. Counts per classification get a column each, named {@code <filter>:<slug>}.
 */
final class CoverageCsv {

	private CoverageCsv() {
	}

	static String of(CoverageReport report) {
		StringBuilder csv = new StringBuilder();
		List<String> header = new ArrayList<>(List.of("kommune_code", "kommune_name", "region_code", "region_name",
				"population", "events", "organisations", "free"));
		CoverageVocabulary.PROGRAMMES.forEach((slug) -> header.add("programme:" + slug));
		CoverageVocabulary.ARENAS.forEach((slug) -> header.add("arena:" + slug));
		CoverageVocabulary.INTERVENTION_TYPES.forEach((slug) -> header.add("interventionType:" + slug));
		CoverageVocabulary.TARGET_GROUPS.forEach((slug) -> header.add("targetGroup:" + slug));
		header.addAll(List.of("offers_within_km", "nearest_offer_km", "reachable"));
		row(csv, header);
		for (KommuneCoverage kommune : report.kommuner()) {
			CoverageReport.Offers offers = kommune.offers();
			List<String> cells = new ArrayList<>(List.of(kommune.code(), kommune.name(), kommune.regionCode(),
					kommune.regionName(), Integer.toString(kommune.population()), Integer.toString(offers.events()),
					Integer.toString(offers.organisations()), Integer.toString(offers.free())));
			counts(cells, offers.byProgramme());
			counts(cells, offers.byArena());
			counts(cells, offers.byInterventionType());
			counts(cells, offers.byTargetGroup());
			cells.add(Integer.toString(kommune.offersWithinKm()));
			cells.add((kommune.nearestOfferKm() != null) ? String.format(Locale.ROOT, "%.1f", kommune.nearestOfferKm())
					: "");
			cells.add(Boolean.toString(kommune.reachable()));
			row(csv, cells);
		}
		return csv.toString();
	}

	private static void counts(List<String> cells, Map<String, Integer> counts) {
		counts.values().forEach((count) -> cells.add(Integer.toString(count)));
	}

	private static void row(StringBuilder csv, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				csv.append(',');
			}
			csv.append(quoted(cells.get(i)));
		}
		csv.append("\r\n");
	}

	static String quoted(String cell) {
		if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
			return "\"" + cell.replace("\"", "\"\"") + "\"";
		}
		return cell;
	}

}
