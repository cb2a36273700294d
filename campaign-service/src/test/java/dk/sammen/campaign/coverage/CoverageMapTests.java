package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dk.sammen.platform.geography.Kommuner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The choropleth, the point map and the reach chart: well-formed SVG, one shape per kommune or
 * month, rendered by Chromium (screenshots under {@code target/coverage-artifacts/}).
 */
class CoverageMapTests {

	private static final Kommuner kommuner = Kommuner.load();

	private static final Instant NOW = Instant.parse("2033-03-01T00:00:00Z");

	private static final KommuneShapes shapes = new KommuneShapes(kommuner);

	@Test
	void choropleth_onePathPerKommuneFilledByOffers_withTitles_rendersInChromium() throws Exception {
		List<Offer> offers = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			offers.add(offer("aa" + i, "0851", i % 20));
		}
		for (int i = 0; i < 6; i++) {
			offers.add(offer("od" + i, "0461", i));
		}
		offers.addAll(List.of(offer("a", "0661", 0), offer("b", "0661", 1), offer("c", "0661", 2), offer("d", "0101", 0),
				offer("e", "0147", 3), offer("f", "0147", 4)));
		CoverageReport report = report(offers);

		String svg = Choropleth.of(report, shapes);

		Document document = SvgChecks.parse(svg);
		List<Element> paths = SvgChecks.elements(document, "path", "kommune");
		assertThat(paths).hasSize(98);
		assertThat(paths).extracting((path) -> path.getAttribute("id").substring("kommune-".length()))
			.containsExactlyInAnyOrderElementsOf(kommuner.codes());
		assertThat(paths).allSatisfy((path) -> {
			assertThat(path.getAttribute("d")).startsWith("M").endsWith("Z");
			assertThat(path.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").getLength()).isEqualTo(1);
		});
		assertThat(fill(paths, "kommune-0851")).isEqualTo("#006d2c");
		assertThat(fill(paths, "kommune-0461")).isEqualTo("#31a354");
		assertThat(fill(paths, "kommune-0661")).isEqualTo("#74c476");
		assertThat(fill(paths, "kommune-0147")).isEqualTo("#74c476");
		assertThat(fill(paths, "kommune-0101")).isEqualTo("#c7e9c0");
		assertThat(paths).filteredOn((path) -> !List.of("kommune-0851", "kommune-0461", "kommune-0661", "kommune-0147",
				"kommune-0101").contains(path.getAttribute("id")))
			.hasSize(93)
			.allSatisfy((path) -> assertThat(path.getAttribute("fill")).isEqualTo("#c0392b"));
		assertThat(title(paths, "kommune-0661")).isEqualTo("Holstebro: 3 tilbud, 59000 indbyggere");
		List<Element> inset = SvgChecks.elements(document, "path", "kommune-inset");
		assertThat(inset).extracting((path) -> path.getAttribute("data-kommune"))
			.containsAll(Choropleth.CAPITAL_AREA).doesNotContain("0851", "0400");
		assertThat(inset).filteredOn((path) -> path.getAttribute("data-kommune").equals("0147")).singleElement()
			.satisfies((path) -> assertThat(path.getAttribute("fill")).isEqualTo("#74c476"));
		assertThat(svg).contains("Skematisk").contains("Martin Polley").contains("MIT").doesNotContain("PUNKTKORT");
		SvgChecks.screenshot(svg, "coverage-map", Choropleth.WIDTH, Choropleth.HEIGHT);
	}

	@Test
	void map_oneCirclePerKommuneColouredByOffers_rendersInChromium() throws Exception {
		CoverageReport report = report(
				List.of(offer("a", "0661", 0), offer("b", "0661", 1), offer("c", "0661", 2), offer("d", "0101", 0)));

		String svg = CoverageMap.of(report, kommuner);

		Document document = SvgChecks.parse(svg);
		List<Element> circles = SvgChecks.elements(document, "circle", "kommune");
		assertThat(circles).hasSize(98);
		Set<String> ids = new HashSet<>();
		circles.forEach((circle) -> ids.add(circle.getAttribute("id")));
		assertThat(ids).hasSize(98).contains("kommune-0101", "kommune-0400", "kommune-0860");
		assertThat(fill(circles, "kommune-0661")).isEqualTo("#74c476");
		assertThat(fill(circles, "kommune-0101")).isEqualTo("#c7e9c0");
		assertThat(fill(circles, "kommune-0751")).isEqualTo("#c0392b");
		assertThat(svg).contains("PUNKTKORT").contains("ikke kommunegrænser");
		SvgChecks.screenshot(svg, "coverage-map-points", 760, 700);
	}

	@Test
	void reachChart_oneGroupPerMonth_rendersInChromium() throws Exception {
		java.util.Map<String, String> regions = new java.util.TreeMap<>(kommuner.regions());
		java.util.Map<String, Integer> some = new java.util.LinkedHashMap<>();
		regions.keySet().forEach((code) -> some.put(code, code.equals("1082") ? 3 : 1));
		java.util.Map<String, Integer> none = new java.util.LinkedHashMap<>();
		regions.keySet().forEach((code) -> none.put(code, 0));
		Reach reach = new Reach("vaer-en-som-raekker-ud", NOW, NOW, NOW, regions,
				List.of(new Reach.Month("2033-02", new Reach.Series(0, none, 0), new Reach.Series(0, none, 0)),
						new Reach.Month("2033-03", new Reach.Series(8, some, 1), new Reach.Series(3, none, 3)),
						new Reach.Month("2033-04", new Reach.Series(2, none, 2), new Reach.Series(7, some, 0))));

		String svg = ReachChart.of(reach, "Vær en, som rækker ud");

		Document document = SvgChecks.parse(svg);
		assertThat(SvgChecks.elements(document, "g", "month")).extracting((g) -> g.getAttribute("data-month"))
			.containsExactly("2033-02", "2033-03", "2033-04");
		SvgChecks.screenshot(svg, "campaign-reach", 900, 460);
	}

	@Test
	void niceStep_keepsAboutFiveGridLines() {
		assertThat(ReachChart.niceStep(1)).isEqualTo(1);
		assertThat(ReachChart.niceStep(9)).isEqualTo(2);
		assertThat(ReachChart.niceStep(23)).isEqualTo(5);
		assertThat(ReachChart.niceStep(120)).isEqualTo(50);
	}

	private static CoverageReport report(List<Offer> offers) {
		return new CoverageCalculator(kommuner, new Populations(kommuner)).report(offers,
				CoverageRulesTests.query(List.of(), List.of()), NOW);
	}

	private static String title(List<Element> shapes, String id) {
		return shapes.stream().filter((s) -> id.equals(s.getAttribute("id"))).findFirst().orElseThrow()
			.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent();
	}

	private static String fill(List<Element> circles, String id) {
		return circles.stream().filter((c) -> id.equals(c.getAttribute("id"))).findFirst().orElseThrow()
			.getAttribute("fill");
	}

	private static Offer offer(String id, String kommuneCode, int day) {
		Instant starts = Instant.parse("2033-03-10T16:00:00Z").plusSeconds(day * 86400L);
		return new Offer(id, 2, "published", "other", null, "org-" + id, kommuneCode,
				kommuner.byCode(kommuneCode).orElseThrow().regionCode(), null, null, false, List.of(), List.of(),
				List.of("alle"), true, starts, starts.plusSeconds(7200), "ce-" + id, starts);
	}

}
