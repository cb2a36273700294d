package dk.sammen.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML pages, read once and filled in: the asset path of this build, the kommuner and regions
 * of the reference list (so that the filters need no request of their own) and the map's tiles.
 */
final class WebPages {

	static final List<String> NAMES = List.of("index", "event", "subscribe", "manage");

	private final Map<String, byte[]> pages;

	private final byte[] widget;

	private WebPages(Map<String, byte[]> pages, byte[] widget) {
		this.pages = pages;
		this.widget = widget;
	}

	static WebPages load(WebAssets assets, Kommuner kommuner, WebProperties properties) {
		Collator danish = Collator.getInstance(Locale.forLanguageTag("da-DK"));
		List<Kommune> byName = kommuner.all()
			.stream()
			.sorted(Comparator.comparing(Kommune::name, danish))
			.toList();
		Map<String, String> values = Map.of("assets", assets.base(), "kommuneOptions", kommuneOptions(byName),
				"regionOptions", regionOptions(regions(kommuner)), "kommuneChoices",
				kommuneChoices(byName, regions(kommuner)), "tileUrl", HtmlUtils.htmlEscape(properties.tileUrl()),
				"tileAttribution", HtmlUtils.htmlEscape(properties.tileAttribution()));
		// the subscribe and manage pages share their preference fields
		values = new HashMap<>(values);
		String preferences = read("web/pages/_preferences.html").replace("{{kommuneChoices}}", values.get("kommuneChoices"));
		values.put("preferences", preferences);
		Map<String, byte[]> pages = new TreeMap<>();
		for (String name : NAMES) {
			String html = read("web/pages/" + name + ".html");
			for (Map.Entry<String, String> value : values.entrySet()) {
				html = html.replace("{{" + value.getKey() + "}}", value.getValue());
			}
			if (html.contains("{{")) {
				throw new IllegalStateException("web/pages/" + name + ".html has a placeholder nobody fills");
			}
			pages.put(name, html.getBytes(StandardCharsets.UTF_8));
		}
		return new WebPages(Map.copyOf(pages), read("web/widget.js").getBytes(StandardCharsets.UTF_8));
	}

	byte[] page(String name) {
		byte[] page = this.pages.get(name);
		if (page == null) {
			throw new IllegalArgumentException("No page " + name);
		}
		return page;
	}

	byte[] widget() {
		return this.widget;
	}

	/** Region codes in order (1081 Nordjylland … 1085 Sjælland) with their names. */
	private static Map<String, String> regions(Kommuner kommuner) {
		return new TreeMap<>(kommuner.regions());
	}

	private static String kommuneOptions(List<Kommune> kommuner) {
		StringBuilder html = new StringBuilder();
		for (Kommune kommune : kommuner) {
			html.append("<option value=\"")
				.append(kommune.code())
				.append("\">")
				.append(HtmlUtils.htmlEscape(kommune.name()))
				.append("</option>\n");
		}
		return html.toString();
	}

	private static String regionOptions(Map<String, String> regions) {
		StringBuilder html = new StringBuilder();
		regions.forEach((code, name) -> html.append("<option value=\"")
			.append(code)
			.append("\">")
			.append(HtmlUtils.htmlEscape(name))
			.append("</option>\n"));
		return html.toString();
	}

	/** The newsletter's kommuner as check boxes, a folded group per region. */
	private static String kommuneChoices(List<Kommune> kommuner, Map<String, String> regions) {
		StringBuilder html = new StringBuilder();
		regions.forEach((code, name) -> {
			String escaped = HtmlUtils.htmlEscape(name);
			html.append("<details class=\"region\"><summary>")
				.append(escaped)
				.append("</summary><fieldset><legend class=\"visually-hidden\">")
				.append(escaped)
				.append("</legend>\n<label class=\"check\"><input type=\"checkbox\" name=\"regions\" value=\"")
				.append(code)
				.append("\"> <span data-i18n=\"wholeRegion\">Hele regionen</span></label>\n");
			for (Kommune kommune : kommuner) {
				if (kommune.regionCode().equals(code)) {
					html.append("<label class=\"check\"><input type=\"checkbox\" name=\"kommuner\" value=\"")
						.append(kommune.code())
						.append("\"> ")
						.append(HtmlUtils.htmlEscape(kommune.name()))
						.append("</label>\n");
				}
			}
			html.append("</fieldset></details>\n");
		});
		return html.toString();
	}

	private static String read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
	}

}
