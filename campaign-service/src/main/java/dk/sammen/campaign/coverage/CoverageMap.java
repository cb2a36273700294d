package dk.sammen.campaign.coverage;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dk.sammen.campaign.coverage.CoverageReport.KommuneCoverage;
import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.geography.Kommuner;

/**
 * The point map of a {@link CoverageReport} ({@code style=points}): one circle per kommune at its
 * reference point, coloured by the number of offers located in it (red: none), its area following
 * the population. It needs no outlines, so it says plainly that it shows points, not boundaries; the
 * default map is the {@link Choropleth}, which shares its colour classes. Equirectangular projection
 * scaled for 56° N, which is close enough at Denmark's size.
 */
final class CoverageMap {

	private static final double WEST = 7.9;

	private static final double NORTH = 57.85;

	private static final double PX_PER_DEGREE = 170;

	private static final double LON_SCALE = Math.cos(Math.toRadians(56));

	private static final int TOP = 96;

	private static final int LEFT = 20;

	private static final int WIDTH = 760;

	private static final int HEIGHT = 700;

	/** Lower bounds of the colour classes and their colours; the first is the gap. */
	static final List<Class> CLASSES = List.of(new Class(0, 0, "#c0392b", "ingen tilbud"),
			new Class(1, 1, "#c7e9c0", "1"), new Class(2, 4, "#74c476", "2–4"), new Class(5, 9, "#31a354", "5–9"),
			new Class(10, Integer.MAX_VALUE, "#006d2c", "10 eller flere"));

	record Class(int from, int to, String colour, String label) {
	}

	private CoverageMap() {
	}

	static String of(CoverageReport report, Kommuner kommuner) {
		StringBuilder svg = new StringBuilder();
		svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
			.append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
			.append("\" role=\"img\" aria-labelledby=\"title desc\" ").append(Svg.FONT).append(">\n");
		svg.append("<title id=\"title\">Tilbud mod ensomhed pr. kommune</title>\n");
		svg.append("<desc id=\"desc\">Punktkort, ikke et kort over kommunegrænser: én cirkel pr. kommune i ")
			.append("kommunens referencepunkt.</desc>\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#eef4f8\"/>\n");
		svg.append("<text x=\"20\" y=\"30\" font-size=\"20\" font-weight=\"bold\">Tilbud mod ensomhed pr. kommune</text>\n");
		svg.append("<text x=\"20\" y=\"50\" font-size=\"12\">Periode ").append(Svg.day(report.from(), false))
			.append(" – ").append(Svg.day(report.to(), true)).append(filters(report.filters())).append("</text>\n");
		svg.append("<text x=\"20\" y=\"66\" font-size=\"12\" fill=\"#444\">PUNKTKORT: én cirkel pr. kommune i ")
			.append("kommunens referencepunkt, ikke kommunegrænser.</text>\n");
		svg.append("<text x=\"20\" y=\"82\" font-size=\"12\" fill=\"#444\">Cirklens areal følger ")
			.append("indbyggertallet; farven antallet af tilbud i kommunen.</text>\n");
		svg.append("<g id=\"kommuner\">\n");
		// the largest first, so that small kommuner around a city stay visible on top of it
		List<KommuneCoverage> largestFirst = report.kommuner().stream()
			.sorted(Comparator.comparingInt(KommuneCoverage::population).reversed()
				.thenComparing(KommuneCoverage::code))
			.toList();
		for (KommuneCoverage kommune : largestFirst) {
			GeoPoint point = kommuner.byCode(kommune.code()).orElseThrow().point();
			Class kind = classOf(kommune.offers().events());
			double radius = 3 + 1.5 * Math.sqrt(kommune.population() / 10000.0);
			svg.append("<circle class=\"kommune\" id=\"kommune-").append(kommune.code()).append("\" data-events=\"")
				.append(kommune.offers().events()).append("\" cx=\"").append(Svg.number(x(point))).append("\" cy=\"")
				.append(Svg.number(y(point))).append("\" r=\"").append(Svg.number(radius)).append("\" fill=\"")
				.append(kind.colour()).append("\" fill-opacity=\"0.85\" stroke=\"#333\" stroke-width=\"0.6\"><title>")
				.append(Svg.text(kommune.name())).append(": ").append(kommune.offers().events())
				.append(" tilbud, ")
				.append(kommune.population()).append(" indbyggere</title></circle>\n");
		}
		svg.append("</g>\n");
		legend(svg);
		svg.append("<text x=\"20\" y=\"").append(HEIGHT - 26).append("\" font-size=\"10\" fill=\"#444\">")
			.append("Kilde: Sammen, offentliggjorte arrangementer i perioden, der ikke er forbi.</text>\n");
		svg.append("<text x=\"20\" y=\"").append(HEIGHT - 12).append("\" font-size=\"10\" fill=\"#444\">")
			.append("Indbyggertal: omtrentlige tal efter Danmarks Statistik FOLK1A, 1. januar 2024, afrundet til 100 ")
			.append("(se README).</text>\n");
		svg.append("</svg>\n");
		return svg.toString();
	}

	static Class classOf(int events) {
		return CLASSES.stream().filter((c) -> events >= c.from() && events <= c.to()).findFirst().orElseThrow();
	}

	static double x(GeoPoint point) {
		return LEFT + (point.lon() - WEST) * LON_SCALE * PX_PER_DEGREE;
	}

	static double y(GeoPoint point) {
		return TOP + (NORTH - point.lat()) * PX_PER_DEGREE;
	}

	private static void legend(StringBuilder svg) {
		int x = 520;
		int y = 110;
		svg.append("<g id=\"legend\" font-size=\"12\">\n<text x=\"").append(x).append("\" y=\"").append(y)
			.append("\" font-weight=\"bold\">Tilbud i kommunen</text>\n");
		for (int i = 0; i < CLASSES.size(); i++) {
			Class kind = CLASSES.get(i);
			int rowY = y + 20 + i * 20;
			svg.append("<circle cx=\"").append(x + 7).append("\" cy=\"").append(rowY - 4).append("\" r=\"6\" fill=\"")
				.append(kind.colour()).append("\" stroke=\"#333\" stroke-width=\"0.6\"/><text x=\"").append(x + 20)
				.append("\" y=\"").append(rowY).append("\">").append(Svg.text(kind.label())).append("</text>\n");
		}
		svg.append("</g>\n");
	}

	static String filters(Map<String, Object> filters) {
		StringBuilder text = new StringBuilder();
		filters.forEach((name, values) -> {
			if (values instanceof List<?> list && !list.isEmpty()) {
				text.append(" · ").append(Svg.text(name)).append(": ").append(Svg.text(String.join(", ",
						list.stream().map(String::valueOf).toList())));
			}
		});
		return text.toString();
	}

}
