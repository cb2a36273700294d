package dk.sammen.campaign.coverage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses SVG as XML (so it must be well-formed) and renders it with headless Chromium. */
final class SvgChecks {

	static final Path ARTIFACTS = Path.of("target", "coverage-artifacts");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private SvgChecks() {
	}

	static Document parse(String svg) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Document document = factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
			assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
			return document;
		}
		catch (Exception ex) {
			throw new AssertionError("not well-formed SVG: " + ex.getMessage(), ex);
		}
	}

	static List<Element> elements(Document document, String name, String cssClass) {
		NodeList nodes = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
		List<Element> elements = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			Element element = (Element) nodes.item(i);
			if (cssClass == null || cssClass.equals(element.getAttribute("class"))) {
				elements.add(element);
			}
		}
		return elements;
	}

	/**
	 * Saves {@code svg} and a PNG screenshot of it under {@code target/coverage-artifacts/}; skips
	 * (does not pass silently) where Chromium is not installed.
	 */
	static Path screenshot(String svg, String name, int width, int height) throws IOException, InterruptedException {
		Files.createDirectories(ARTIFACTS);
		Path svgFile = ARTIFACTS.resolve(name + ".svg").toAbsolutePath();
		Files.writeString(svgFile, svg, StandardCharsets.UTF_8);
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
				"headless screenshot skipped: no Chromium at " + CHROMIUM + " (Debian package chromium)");
		Path png = ARTIFACTS.resolve(name + ".png").toAbsolutePath();
		Files.deleteIfExists(png);
		Path profile = Files.createTempDirectory("chromium-profile");
		Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png,
				"--window-size=" + width + "," + height, svgFile.toUri().toString())
			.redirectErrorStream(true)
			.redirectOutput(ARTIFACTS.resolve(name + ".chromium.log").toFile())
			.start();
		if (!chromium.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS)) {
			chromium.destroyForcibly();
			throw new AssertionError("Chromium did not finish within 90 s");
		}
		assertThat(png).as("Chromium's screenshot, see " + name + ".chromium.log").exists();
		byte[] bytes = Files.readAllBytes(png);
		assertThat(bytes).hasSizeGreaterThan(5_000);
		assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
		return png;
	}

}
