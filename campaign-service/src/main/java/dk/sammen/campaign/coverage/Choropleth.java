package dk.sammen.campaign.coverage;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dk.sammen.campaign.coverage.CoverageMap.Class;
import dk.sammen.campaign.coverage.CoverageReport.KommuneCoverage;
import dk.sammen.campaign.coverage.KommuneShapes.Bounds;
import dk.sammen.campaign.coverage.KommuneShapes.Outline;

/**
 * The default map of a {@link CoverageReport}: every kommune's outline filled by the number of
 * offers located in it, in the point map's colour classes (red: none), each with a {@code <title>}
 * naming it and its figures. The kommuner around Copenhagen are a few pixels wide at this scale,
 * so an enlarged inset repeats them. The outlines are a schematic drawing ({@link KommuneShapes}),
 * which the map says, and Bornholm is framed because the drawing moves it.
 */
final class Choropleth {

	static final int WIDTH = 760;

	static final int HEIGHT = 700;

	private static final int TOP = 96;

	private static final int LEFT = 20;

	private static final int BOTTOM = 650;

	/** Københavns by and Københavns omegn (Danmarks Statistik's landsdele), enlarged in the inset. */
	static final Set<String> CAPITAL_AREA = Set.of("0101", "0147", "0155", "0185", "0151", "0153", "0157", "0159",
			"0161", "0163", "0165", "0167", "0169", "0173", "0175", "0183", "0187");

	private static final String BORNHOLM = "0400";

	private static final int INSET_LEFT = 520;

	private static final int INSET_TOP = 262;

	private static final int INSET_WIDTH = 220;

	private static final int INSET_MAX_HEIGHT = 360;

	private Choropleth() {
	}

	static String of(CoverageReport report, KommuneShapes shapes) {
		Bounds all = shapes.bounds();
		Plane main = Plane.fit(all, LEFT, TOP, INSET_LEFT - LEFT - 16, BOTTOM - TOP);
		Bounds capital = pad(shapes.bounds(CAPITAL_AREA), 0.06);
		Plane inset = Plane.fit(capital, INSET_LEFT, INSET_TOP, INSET_WIDTH, INSET_MAX_HEIGHT);
		StringBuilder svg = new StringBuilder();
		svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
			.append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
			.append("\" role=\"img\" aria-labelledby=\"title desc\" ").append(Svg.FONT).append(">\n");
		svg.append("<title id=\"title\">Tilbud mod ensomhed pr. kommune</title>\n");
		svg.append("<desc id=\"desc\">Kort over de 98 kommuner, hver farvet efter antallet af tilbud i kommunen; ")
			.append("rød: ingen. Skematisk tegning, ikke opmålte kommunegrænser.</desc>\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#eef4f8\"/>\n");
		svg.append("<text x=\"20\" y=\"30\" font-size=\"20\" font-weight=\"bold\">Tilbud mod ensomhed pr. kommune</text>\n");
		svg.append("<text x=\"20\" y=\"50\" font-size=\"12\">Periode ").append(Svg.day(report.from(), false))
			.append(" – ").append(Svg.day(report.to(), true)).append(CoverageMap.filters(report.filters()))
			.append("</text>\n");
		svg.append("<text x=\"20\" y=\"66\" font-size=\"12\" fill=\"#444\">Farven viser antallet af tilbud i ")
			.append("kommunen. Skematisk kort: forenklede kyster, Bornholm flyttet.</text>\n");
		svg.append("<text x=\"20\" y=\"82\" font-size=\"12\" fill=\"#444\">Udsnittet til højre forstørrer ")
			.append("København og omegn.</text>\n");
		svg.append("<g id=\"kommuner\" stroke=\"#ffffff\" stroke-width=\"0.5\" stroke-linejoin=\"round\">\n");
		for (KommuneCoverage kommune : report.kommuner()) {
			svg.append("<path class=\"kommune\" id=\"kommune-").append(kommune.code()).append("\" data-events=\"")
				.append(kommune.offers().events()).append("\" fill=\"")
				.append(CoverageMap.classOf(kommune.offers().events()).colour()).append("\" d=\"")
				.append(main.path(shapes.of(kommune.code()))).append("\">").append(title(kommune))
				.append("</path>\n");
		}
		svg.append("</g>\n");
		frame(svg, main, pad(shapes.bounds(Set.of(BORNHOLM)), 0.15), "Bornholm", "bornholm-frame");
		frame(svg, main, capital, null, "inset-area");
		inset(svg, report, shapes, capital, inset);
		legend(svg);
		svg.append("<text x=\"20\" y=\"").append(HEIGHT - 40).append("\" font-size=\"10\" fill=\"#444\">")
			.append("Kilde: Sammen, offentliggjorte arrangementer i perioden, der ikke er forbi.</text>\n");
		svg.append("<text x=\"20\" y=\"").append(HEIGHT - 26).append("\" font-size=\"10\" fill=\"#444\">")
			.append(Svg.text(KommuneShapes.CREDIT)).append(" (se README).</text>\n");
		svg.append("<text x=\"20\" y=\"").append(HEIGHT - 12).append("\" font-size=\"10\" fill=\"#444\">")
			.append("Indbyggertal i kommunernes titler: omtrentlige tal efter Danmarks Statistik FOLK1A, ")
			.append("1. januar 2024 (se README).</text>\n");
		svg.append("</svg>\n");
		return svg.toString();
	}

	/** The kommuner whose outlines reach into the inset's window, enlarged and clipped to it. */
	private static void inset(StringBuilder svg, CoverageReport report, KommuneShapes shapes, Bounds window,
			Plane inset) {
		double width = inset.scale() * window.width();
		double height = inset.scale() * window.height();
		svg.append("<text x=\"").append(INSET_LEFT).append("\" y=\"").append(INSET_TOP - 8)
			.append("\" font-size=\"12\" font-weight=\"bold\">København og omegn</text>\n");
		svg.append("<clipPath id=\"inset-clip\"><rect x=\"").append(INSET_LEFT).append("\" y=\"").append(INSET_TOP)
			.append("\" width=\"").append(Svg.number(width)).append("\" height=\"").append(Svg.number(height))
			.append("\"/></clipPath>\n");
		svg.append("<g id=\"inset\" clip-path=\"url(#inset-clip)\" stroke=\"#ffffff\" stroke-width=\"0.6\" ")
			.append("stroke-linejoin=\"round\">\n");
		svg.append("<rect x=\"").append(INSET_LEFT).append("\" y=\"").append(INSET_TOP).append("\" width=\"")
			.append(Svg.number(width)).append("\" height=\"").append(Svg.number(height))
			.append("\" fill=\"#eef4f8\"/>\n");
		for (KommuneCoverage kommune : report.kommuner()) {
			if (!overlaps(shapes.bounds(Set.of(kommune.code())), window)) {
				continue;
			}
			svg.append("<path class=\"kommune-inset\" data-kommune=\"").append(kommune.code()).append("\" fill=\"")
				.append(CoverageMap.classOf(kommune.offers().events()).colour()).append("\" d=\"")
				.append(inset.path(shapes.of(kommune.code()))).append("\">").append(title(kommune))
				.append("</path>\n");
		}
		svg.append("</g>\n");
		svg.append("<rect x=\"").append(INSET_LEFT).append("\" y=\"").append(INSET_TOP).append("\" width=\"")
			.append(Svg.number(width)).append("\" height=\"").append(Svg.number(height))
			.append("\" fill=\"none\" stroke=\"#333\" stroke-width=\"1\"/>\n");
	}

	private static String title(KommuneCoverage kommune) {
		return "<title>" + Svg.text(kommune.name()) + ": " + kommune.offers().events() + " tilbud, "
				+ kommune.population() + " indbyggere</title>";
	}

	/** A thin rectangle on the main map, around Bornholm (moved by the drawing) or the inset's area. */
	private static void frame(StringBuilder svg, Plane plane, Bounds bounds, @Nullable String label, String id) {
		double x = plane.x(bounds.minX());
		double y = plane.y(bounds.minY());
		svg.append("<rect id=\"").append(id).append("\" x=\"").append(Svg.number(x)).append("\" y=\"")
			.append(Svg.number(y)).append("\" width=\"").append(Svg.number(plane.scale() * bounds.width()))
			.append("\" height=\"").append(Svg.number(plane.scale() * bounds.height()))
			.append("\" fill=\"none\" stroke=\"#333\" stroke-width=\"0.8\" stroke-dasharray=\"3 2\"/>\n");
		if (label != null) {
			svg.append("<text x=\"").append(Svg.number(x)).append("\" y=\"").append(Svg.number(y - 4))
				.append("\" font-size=\"10\" fill=\"#444\">").append(Svg.text(label)).append("</text>\n");
		}
	}

	private static void legend(StringBuilder svg) {
		int x = INSET_LEFT;
		int y = 110;
		svg.append("<g id=\"legend\" font-size=\"12\">\n<text x=\"").append(x).append("\" y=\"").append(y)
			.append("\" font-weight=\"bold\">Tilbud i kommunen</text>\n");
		for (int i = 0; i < CoverageMap.CLASSES.size(); i++) {
			Class kind = CoverageMap.CLASSES.get(i);
			int rowY = y + 20 + i * 20;
			svg.append("<rect x=\"").append(x).append("\" y=\"").append(rowY - 11).append("\" width=\"14\" ")
				.append("height=\"14\" fill=\"").append(kind.colour()).append("\" stroke=\"#333\" stroke-width=\"0.5\"/>")
				.append("<text x=\"").append(x + 20).append("\" y=\"").append(rowY).append("\">")
				.append(Svg.text(kind.label())).append("</text>\n");
		}
		svg.append("</g>\n");
	}

	private static boolean overlaps(Bounds a, Bounds b) {
		return a.minX() <= b.maxX() && a.maxX() >= b.minX() && a.minY() <= b.maxY() && a.maxY() >= b.minY();
	}

	private static Bounds pad(Bounds bounds, double share) {
		double dx = bounds.width() * share;
		double dy = bounds.height() * share;
		return new Bounds(bounds.minX() - dx, bounds.minY() - dy, bounds.maxX() + dx, bounds.maxY() + dy);
	}

	/** The drawing's plane placed on the picture: uniform scale, top-left corner at (left, top). */
	record Plane(Bounds from, double left, double top, double scale) {

		static Plane fit(Bounds from, double left, double top, double maxWidth, double maxHeight) {
			return new Plane(from, left, top, Math.min(maxWidth / from.width(), maxHeight / from.height()));
		}

		double x(double planeX) {
			return this.left + (planeX - this.from.minX()) * this.scale;
		}

		double y(double planeY) {
			return this.top + (planeY - this.from.minY()) * this.scale;
		}

		/** SVG path data to one decimal, leaving out points that round onto the one before. */
		String path(Outline outline) {
			StringBuilder d = new StringBuilder();
			for (double[][] ring : outline.rings()) {
				String last = null;
				int written = 0;
				StringBuilder points = new StringBuilder();
				for (double[] point : ring) {
					String xy = Svg.number(x(point[0])) + "," + Svg.number(y(point[1]));
					if (!xy.equals(last)) {
						points.append((written == 0) ? "M" : " ").append(xy);
						written++;
						last = xy;
					}
				}
				if (written >= 3) {
					d.append(d.isEmpty() ? "" : " ").append(points).append('Z');
				}
			}
			return d.toString();
		}

	}

}
