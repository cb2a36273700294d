package dk.sammen.campaign.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Reach} as an SVG bar chart: per month two stacked bars, the campaign's activities (left)
 * and the partner events that joined it (right), each stacked by region, plus "hele landet / online"
 * for what has no region.
 */
final class ReachChart {

	private static final List<String> COLOURS = List.of("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e",
			"#999999");

	private static final int WIDTH = 900;

	private static final int HEIGHT = 460;

	private static final int LEFT = 60;

	private static final int TOP = 70;

	private static final int PLOT_HEIGHT = 280;

	private ReachChart() {
	}

	static String of(Reach reach, String campaignName) {
		List<String> regionCodes = new ArrayList<>(reach.regions().keySet());
		int max = 1;
		for (Reach.Month month : reach.months()) {
			max = Math.max(max, Math.max(month.activities().total(), month.joinedEvents().total()));
		}
		int step = niceStep(max);
		int top = ((max + step - 1) / step) * step;
		double slot = (double) (WIDTH - LEFT - 20) / reach.months().size();
		double bar = Math.min(24, slot * 0.35);
		StringBuilder svg = new StringBuilder();
		svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
			.append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
			.append("\" role=\"img\" aria-labelledby=\"title\" ").append(Svg.FONT).append(">\n");
		svg.append("<title id=\"title\">Rækkevidde: ").append(Svg.text(campaignName)).append("</title>\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
		svg.append("<text x=\"20\" y=\"28\" font-size=\"18\" font-weight=\"bold\">Rækkevidde: ")
			.append(Svg.text(campaignName)).append("</text>\n");
		svg.append("<text x=\"20\" y=\"48\" font-size=\"12\">Pr. måned: kampagnens aktiviteter (venstre søjle) og ")
			.append("tilmeldte partnerarrangementer (højre søjle), fordelt på regioner</text>\n");
		double baseline = TOP + PLOT_HEIGHT;
		for (int value = 0; value <= top; value += step) {
			double y = baseline - (double) value / top * PLOT_HEIGHT;
			svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - 20).append("\" y1=\"")
				.append(Svg.number(y)).append("\" y2=\"").append(Svg.number(y))
				.append("\" stroke=\"#ddd\"/><text x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.number(y + 4))
				.append("\" font-size=\"11\" text-anchor=\"end\">").append(value).append("</text>\n");
		}
		for (int i = 0; i < reach.months().size(); i++) {
			Reach.Month month = reach.months().get(i);
			double x = LEFT + i * slot + slot / 2;
			svg.append("<g class=\"month\" data-month=\"").append(month.month()).append("\">\n");
			stack(svg, month.activities(), regionCodes, x - bar - 1, bar, top, baseline, "aktiviteter");
			stack(svg, month.joinedEvents(), regionCodes, x + 1, bar, top, baseline, "tilmeldte arrangementer");
			svg.append("<text x=\"").append(Svg.number(x)).append("\" y=\"").append(Svg.number(baseline + 16))
				.append("\" font-size=\"11\" text-anchor=\"middle\">").append(month.month()).append("</text>\n</g>\n");
		}
		int legendY = HEIGHT - 50;
		List<String> names = new ArrayList<>();
		reach.regions().values().forEach(names::add);
		names.add("hele landet / online");
		for (int i = 0; i < names.size(); i++) {
			int x = 20 + (i % 3) * 290;
			int y = legendY + (i / 3) * 20;
			svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
				.append(COLOURS.get(i)).append("\"/><text x=\"").append(x + 18).append("\" y=\"").append(y)
				.append("\" font-size=\"12\">").append(Svg.text(names.get(i))).append("</text>\n");
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void stack(StringBuilder svg, Reach.Series series, List<String> regionCodes, double x, double width,
			int top, double baseline, String what) {
		double y = baseline;
		List<Integer> values = new ArrayList<>();
		Map<String, Integer> byRegion = series.byRegion();
		regionCodes.forEach((code) -> values.add(byRegion.getOrDefault(code, 0)));
		values.add(series.withoutRegion());
		for (int i = 0; i < values.size(); i++) {
			int value = values.get(i);
			if (value == 0) {
				continue;
			}
			double height = (double) value / top * PLOT_HEIGHT;
			y -= height;
			svg.append("<rect x=\"").append(Svg.number(x)).append("\" y=\"").append(Svg.number(y)).append("\" width=\"")
				.append(Svg.number(width)).append("\" height=\"").append(Svg.number(height)).append("\" fill=\"")
				.append(COLOURS.get(i)).append("\"><title>").append(value).append(' ').append(what)
				.append("</title></rect>\n");
		}
	}

	/** 1, 2 or 5 times a power of ten, so that at most about five grid lines fit. */
	static int niceStep(int max) {
		for (int magnitude = 1;; magnitude *= 10) {
			for (int factor : new int[] { 1, 2, 5 }) {
				int step = factor * magnitude;
				if (max / step <= 5) {
					return step;
				}
			}
		}
	}

}
