package dk.sammen.systemtests.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium from Debian's {@code chromium} package driven by Playwright (browser
 * downloads do not work here, so none is attempted). Collects what the pages log as errors,
 * saves screenshots to {@code system-tests/target/screenshots} and runs axe-core.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("sammen.chromium", "/usr/bin/chromium"));

	static final Path SCREENSHOTS = Path.of(System.getProperty("sammen.screenshots", "target/screenshots"));

	/** The WCAG 2.2 A and AA rules of axe-core. */
	private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	private final Playwright playwright;

	private final com.microsoft.playwright.Browser chromium;

	private final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());

	private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
		this.playwright = playwright;
		this.chromium = chromium;
	}

	static final String NO_CHROMIUM = "No Chromium at /usr/bin/chromium (or -Dsammen.chromium): the web tests need "
			+ "Debian's chromium package (apt-get install chromium), which .ci/run installs";

	/** For {@code @EnabledIf}: decided before the stack is started for nothing. */
	static boolean chromiumInstalled() {
		return Files.isExecutable(CHROMIUM);
	}

	static Browser launch() {
		assumeTrue(chromiumInstalled(), NO_CHROMIUM);
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		try {
			return new Browser(playwright, playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
					.setHeadless(true)
					.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
							"--disable-component-update", "--disable-sync", "--no-first-run"))));
		}
		catch (RuntimeException ex) {
			playwright.close();
			throw ex;
		}
	}

	/** A fresh profile (no cache, no storage) in Danish, in Danish time, with a phone-sized or desktop window. */
	BrowserContext newContext() {
		BrowserContext context = this.chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
			.setLocale("da-DK")
			.setTimezoneId("Europe/Copenhagen")
			.setViewportSize(1280, 900)
			.setAcceptDownloads(true));
		context.setDefaultTimeout(15_000);
		context.onPage((page) -> page.onConsoleMessage((message) -> {
			if ("error".equals(message.type())) {
				this.consoleErrors.add(page.url() + ": " + message.text());
			}
		}));
		return context;
	}

	/** Errors the pages logged that a Content-Security-Policy refusal causes. */
	List<String> policyViolations() {
		synchronized (this.consoleErrors) {
			return this.consoleErrors.stream().filter((error) -> error.contains("Content Security Policy")).toList();
		}
	}

	static void screenshot(Page page, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
	}

	/**
	 * Runs axe-core's WCAG 2.2 A/AA rules on the page as it is now; writes every finding to
	 * {@code screenshots/axe-<name>.txt} and fails on serious and critical ones.
	 */
	static void assertAccessible(Page page, String name) {
		AxeResults results = new AxeBuilder(page).withTags(WCAG_AA).analyze();
		List<Rule> violations = results.getViolations();
		String report = results.getPasses().size() + " rules passed; for a person to check: "
				+ results.getIncomplete().stream().map(Rule::getId).toList() + "\nviolations: "
				+ (violations.isEmpty() ? "none" : "") + violations.stream()
					.map((rule) -> "\n" + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + "\n"
							+ rule.getNodes().stream().map((node) -> "  " + node.getTarget()).collect(Collectors.joining("\n")))
					.collect(Collectors.joining()) + "\n";
		assertThat(results.getPasses()).as("axe-core ran its rules").isNotEmpty();
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.writeString(SCREENSHOTS.resolve("axe-" + name + ".txt"), report, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(violations.stream().filter((rule) -> List.of("serious", "critical").contains(rule.getImpact())))
			.as("serious or critical accessibility violations on %s:%n%s", name, report)
			.isEmpty();
	}

	@Override
	public void close() {
		try {
			this.chromium.close();
		}
		finally {
			this.playwright.close();
		}
	}

}
