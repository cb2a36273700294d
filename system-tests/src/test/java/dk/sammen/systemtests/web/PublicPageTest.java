package dk.sammen.systemtests.web;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Mailbox;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Times;
import dk.sammen.systemtests.api.Town;
import dk.sammen.systemtests.stack.SystemStack;
import dk.sammen.systemtests.stack.SystemTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public page in a real browser against the running system: a partner's events in Ringsted,
 * found by kommune in the list, the calendar and the map (whose tiles cannot load here, so it
 * must fall back to the list), an event's page with its JSON-LD and .ics, the newsletter from the
 * form through the confirmation mail to the manage page, and the widget on a foreign website.
 * Every page is checked with axe-core; screenshots go to {@code target/screenshots}.
 */
@EnabledIf(value = "dk.sammen.systemtests.web.Browser#chromiumInstalled", disabledReason = Browser.NO_CHROMIUM)
@SystemTest
class PublicPageTest {

	/** Kommuner of this class alone (the feed tests use others). */
	private static final Town RINGSTED = new Town("0329", "1085", "Ringsted", "4100", 55.46909, 11.81511);

	private static final Town SVENDBORG = new Town("0479", "1083", "Svendborg", "5700", 55.09621, 10.52327);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Gateway gateway;

	private final SystemStack stack;

	private Browser browser;

	private BrowserContext context;

	private EventBody knitting;

	private String knittingId;

	private String walkId;

	private EventBody meal;

	PublicPageTest(Gateway gateway, SystemStack stack) {
		this.gateway = gateway;
		this.stack = stack;
	}

	@BeforeAll
	void seedAndLaunch() {
		this.browser = Browser.launch();
		this.context = this.browser.newContext();
		Partner partner = this.gateway.newPartner("Fællesskabsby Ringsted");
		this.knitting = EventBody.in(RINGSTED, Times.daysAhead(3, 14, 0))
			.title("Strikkecafé i Ringsted Bibliotek")
			.description("<p>Tag dit strikketøj med. <strong>Kom alene</strong> – vi tager imod dig.</p>")
			.welcome("kom-alene", "bordvaert");
		this.knittingId = this.gateway.publishEvent(partner, this.knitting);
		this.walkId = this.gateway.publishEvent(partner,
				EventBody.in(RINGSTED, Times.daysAhead(4, 10, 0)).title("Gåtur langs Ringsted Å"));
		this.gateway.cancelEvent(partner, this.walkId, "Stien er oversvømmet");
		this.meal = EventBody.in(RINGSTED, Times.nextYearsWeek(17, DayOfWeek.THURSDAY, LocalTime.of(17, 30)))
			.title("Fællesspisning i Ringsted Kulturhus")
			.programme("danmark-spiser-sammen");
		this.gateway.publishEvent(partner, this.meal);
		this.gateway.publishEvent(partner,
				EventBody.in(SVENDBORG, Times.daysAhead(3, 15, 0)).title("Læsekreds i Svendborg"));
	}

	@AfterEach
	void noPageBrokeItsContentSecurityPolicy() {
		assertThat(this.browser.policyViolations()).isEmpty();
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void search_byKommune_listsItsEventsWithTheCancelledMarked() {
		Page page = this.context.newPage();
		page.navigate(url("/"));
		assertThat(page.locator("h1")).hasText("Find fællesskaber og arrangementer nær dig");
		page.locator("#kommune").selectOption(RINGSTED.kommuneCode());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Søg").setExact(true)).click();
		Locator results = page.locator("#results > li");
		assertThat(results).hasCount(3);
		assertThat(results.nth(0)).containsText("Strikkecafé i Ringsted Bibliotek");
		assertThat(results.nth(1)).containsText("Aflyst");
		assertThat(results.nth(1)).containsText("Gåtur langs Ringsted Å");
		assertThat(results.nth(2)).containsText("Danmark Spiser Sammen");
		assertThat(page.locator("#results")).not().containsText("Svendborg");
		assertThat(page).hasURL(Pattern.compile("[?&]kommune=0329"));
		Browser.screenshot(page, "list");
		Browser.assertAccessible(page, "list");
		page.close();
	}

	@Test
	void calendar_ofDanmarkSpiserSammensMonth_highlightsWeek17() {
		Page page = this.context.newPage();
		String month = this.meal.startsAt().toLocalDate().toString().substring(0, 7);
		page.navigate(url("/?kommune=" + RINGSTED.kommuneCode() + "&view=calendar&month=" + month));
		Locator week = page.locator("tr.dsm-week", new Page.LocatorOptions().setHasText("Fællesspisning i Ringsted Kulturhus"));
		assertThat(week).containsText("Uge 17");
		assertThat(week).containsText("Danmark Spiser Sammen-uge");
		assertThat(page.locator("tr.dsm-week")).hasCount(1);
		assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Kalender")))
			.hasAttribute("aria-selected", "true");
		Browser.screenshot(page, "calendar");
		Browser.assertAccessible(page, "calendar");
		// the view tabs follow the arrow keys
		page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Kalender")).press("ArrowRight");
		assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Kort"))).isFocused();
		assertThat(page.locator("#panel-map")).isVisible();
		page.close();
	}

	@Test
	void map_withoutTiles_showsTheListAndNamesItsMarkers() {
		Page page = this.context.newPage();
		page.navigate(url("/?kommune=" + RINGSTED.kommuneCode() + "&view=map"));
		// no internet here: the OpenStreetMap tiles fail, which is the degraded path to prove
		assertThat(page.locator("#map-failed")).hasText("Kortet kunne ikke vises. Her er arrangementerne som liste i stedet.");
		assertThat(page.locator("#map")).isHidden();
		assertThat(page.locator("#map-fallback .results > li")).hasCount(3);
		assertThat(page.locator("#map-fallback")).containsText("Strikkecafé i Ringsted Bibliotek");
		assertThat(page.locator(".leaflet-marker-icon[alt^='Strikkecafé i Ringsted Bibliotek, ']")).hasCount(1);
		assertThat(page.locator(".leaflet-marker-icon[alt^='Aflyst: Gåtur langs Ringsted Å, ']")).hasCount(1);
		Browser.screenshot(page, "map");
		Browser.assertAccessible(page, "map");
		page.close();
	}

	@Test
	void nearMe_withThePositionInRingsted_findsRingstedsEventsOnly() {
		try (BrowserContext near = this.browser.newContext()) {
			near.grantPermissions(List.of("geolocation"), new BrowserContext.GrantPermissionsOptions().setOrigin(url("/")));
			near.setGeolocation(new com.microsoft.playwright.options.Geolocation(RINGSTED.lat(), RINGSTED.lon()));
			Page page = near.newPage();
			page.navigate(url("/?programme=local-partnership"));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Brug min position")).click();
			assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Brug ikke min position")))
				.isFocused();
			assertThat(page).hasURL(Pattern.compile("[?&]near=55\\.4691%2C11\\.8151"));
			assertThat(page.locator("#results > li")).hasCount(2);
			assertThat(page.locator("#results")).containsText("Strikkecafé i Ringsted Bibliotek");
			assertThat(page.locator("#results")).not().containsText("Svendborg");
		}
	}

	@Test
	void eventPage_fromTheList_hasJsonLdAndDownloadsItsIcs() throws IOException {
		Page page = this.context.newPage();
		page.navigate(url("/?kommune=" + RINGSTED.kommuneCode()));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Strikkecafé i Ringsted Bibliotek")).click();
		assertThat(page).hasURL(url("/arrangement/" + this.knittingId));
		assertThat(page.locator("h1")).hasText("Strikkecafé i Ringsted Bibliotek");
		assertThat(page.locator(".description strong")).hasText("Kom alene");
		assertThat(page.locator("strong.welcome")).hasText("Kom alene – nogen tager imod dig. Der er en bordvært");
		JsonNode event = JSON.readTree(page.locator("script[type='application/ld+json']").textContent());
		assertThat(event.path("@type").asText()).isEqualTo("Event");
		assertThat(event.path("name").asText()).isEqualTo("Strikkecafé i Ringsted Bibliotek");
		assertThat(event.path("eventStatus").asText()).isEqualTo("https://schema.org/EventScheduled");
		assertThat(event.at("/location/geo/latitude").asDouble()).isEqualTo(RINGSTED.lat());
		assertThat(OffsetDateTime.parse(event.path("startDate").asText()).toInstant())
			.isEqualTo(this.knitting.startsAt().toInstant());
		Browser.screenshot(page, "event");
		Browser.assertAccessible(page, "event");

		Download download = page.waitForDownload(
				() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tilføj til kalender (.ics)")).click());
		List<VEvent> events = calendar(Files.readString(download.path(), StandardCharsets.UTF_8))
			.getComponents(Component.VEVENT);
		assertThat(events).hasSize(1);
		assertThat(events.get(0).getUid().orElseThrow().getValue()).isEqualTo("event-" + this.knittingId + "@sammen.dk");
		page.close();
	}

	@Test
	void eventPage_ofCancelledEvent_saysSoAndWhy() throws IOException {
		Page page = this.context.newPage();
		page.navigate(url("/arrangement/" + this.walkId));
		assertThat(page.locator("h1")).hasText("Aflyst Gåtur langs Ringsted Å");
		assertThat(page.locator("article")).containsText("Arrangementet er aflyst: Stien er oversvømmet");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tilmeld dig"))).hasCount(0);
		JsonNode event = JSON.readTree(page.locator("script[type='application/ld+json']").textContent());
		assertThat(event.path("eventStatus").asText()).isEqualTo("https://schema.org/EventCancelled");
		Browser.assertAccessible(page, "event-cancelled");
		page.close();
	}

	@Test
	void eventPage_ofRecurringOffer_saysHowItRepeatsAndHasASchedule() throws IOException {
		Partner partner = this.gateway.newPartner("Viborg Besøgsvenner");
		OffsetDateTime first = Times.daysAhead(5, 10, 0);
		String day = first.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).substring(0, 2)
			.toUpperCase(Locale.ROOT);
		String dayName = first.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.forLanguageTag("da"));
		String id = this.gateway.publishEvent(partner, EventBody.in(Town.VIBORG, first)
			.title("Kaffe og en snak i Viborg")
			.schedule("FREQ=WEEKLY;BYDAY=" + day, null, first.plusWeeks(1).toLocalDate().toString()));
		Page page = this.context.newPage();
		page.navigate(url("/arrangement/" + id));
		assertThat(page.locator("#schedule")).hasText("Hver uge på " + dayName);
		assertThat(page.locator("article")).containsText("Ikke");
		JsonNode event = JSON.readTree(page.locator("script[type='application/ld+json']").textContent());
		JsonNode schedule = event.path("eventSchedule");
		assertThat(schedule.path("repeatFrequency").asText()).isEqualTo("P1W");
		assertThat(schedule.path("startTime").asText()).isEqualTo("10:00");
		assertThat(schedule.path("exceptDate").path(0).asText())
			.isEqualTo(first.plusWeeks(1).toLocalDate().toString());
		Browser.assertAccessible(page, "event-recurring");
		page.close();
	}

	@Test
	void subscribe_confirmedByMail_thenManagedFromTheMailsLink() {
		String address = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@example.dk";
		String gatewayUrl = this.gateway.uri("/").toString().replaceAll("/$", "");
		Mailbox mailbox = new Mailbox(this.stack.imapPort());
		Duration mailBudget = Duration.ofSeconds(30);
		Page page = this.context.newPage();
		subscribe(page, address, true);

		String confirmation = mailbox.awaitLetters(address, 1, mailBudget).get(0).link("/api/v1/subscriptions/confirm");
		assertThat(confirmation).startsWith(gatewayUrl + "/");
		page.navigate(confirmation);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bekræft")).click();
		assertThat(page).hasURL(Pattern.compile("/api/v1/subscriptions/done\\?status=confirmed"));

		// asking again for a confirmed address sends its manage link instead
		subscribe(page, address, false);
		String manage = mailbox.awaitLetters(address, 2, mailBudget).get(1).link("/api/v1/subscriptions/me");
		assertThat(manage).startsWith(gatewayUrl + "/");
		page.navigate(manage);
		assertThat(page.locator("h1")).hasText("Dit nyhedsbrev");
		assertThat(page.locator("#me-email")).hasText(address);
		assertThat(page.locator("#me-status")).hasText("Aktivt");
		assertThat(page.getByLabel("Ringsted", exact())).isChecked();
		assertThat(page.getByLabel("Danmark Spiser Sammen", exact())).isChecked();
		assertThat(page.locator("#history")).containsText("Du bekræftede din tilmelding");
		Browser.screenshot(page, "manage");
		Browser.assertAccessible(page, "manage");

		page.locator("summary", new Page.LocatorOptions().setHasText("Region Syddanmark")).click();
		page.getByLabel("Svendborg", exact()).check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gem ændringerne")).click();
		assertThat(page.locator("#message")).hasText("Dine valg er gemt.");
		JsonNode stored = this.gateway.get(manage.substring(gatewayUrl.length()), "Accept", "application/json")
			.expect(200)
			.json();
		assertThat(stored.path("kommuner").toString()).contains("0329", "0479");
		page.close();
	}

	@Test
	void widget_onAForeignSite_showsItsFilteredEventsWithoutTouchingTheHost() {
		String snippet = "<script src=\"" + url("/widget.js") + "\" data-kommune=\"" + RINGSTED.kommuneCode()
				+ "\" data-programme=\"danmark-spiser-sammen\" data-heading=\"Fællesspisning i Ringsted\" async></script>";
		try (ForeignSite site = ForeignSite.serving(snippet)) {
			Page page = this.context.newPage();
			List<String> errors = new ArrayList<>();
			page.onPageError(errors::add);
			page.navigate(site.uri().toString());
			Locator widget = page.locator(".sammen-widget");
			assertThat(widget.locator("li")).hasCount(1);
			assertThat(widget.locator("li")).containsText("Fællesspisning i Ringsted Kulturhus");
			assertThat(widget.locator("h2")).hasText("Fællesspisning i Ringsted");
			assertThat(widget.locator("a.title"))
				.hasAttribute("href", Pattern.compile("^" + url("/arrangement/").replace(".", "\\.") + "[^/?]+$"));
			// the host's styles stop at the shadow root, its font is inherited, its script still runs
			assertThat(widget.locator("li")).not().hasCSS("color", "rgb(192, 0, 0)");
			assertThat(widget.locator("h2")).not().hasCSS("font-size", "48px");
			assertThat(widget.locator("section")).hasCSS("font-family", "Georgia, serif");
			assertThat(page.locator("#host-title")).hasCSS("font-family", "Georgia, serif");
			page.locator("#host-button").click();
			assertThat(page.locator("#host-output")).hasText("Værtens script virker");
			assertThat(errors).isEmpty();
			Browser.screenshot(page, "widget");
			Browser.assertAccessible(page, "widget");
			page.close();
		}
	}

	@Test
	void languageButton_switchesThePageToEnglish() {
		Page page = this.context.newPage();
		page.navigate(url("/"));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("English")).click();
		assertThat(page.locator("h1")).hasText("Find communities and events near you");
		assertThat(page.locator("html")).hasAttribute("lang", "en");
		assertThat(page.getByLabel("Municipality (kommune)")).isVisible();
		Browser.assertAccessible(page, "english");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dansk")).click();
		assertThat(page.locator("html")).hasAttribute("lang", "da");
		page.close();
	}

	private void subscribe(Page page, String address, boolean checkAccessibility) {
		page.navigate(url("/abonnement"));
		page.getByLabel("Din mailadresse").fill(address);
		page.locator("summary", new Page.LocatorOptions().setHasText("Region Sjælland")).click();
		page.getByLabel("Ringsted", exact()).check();
		page.getByLabel("Danmark Spiser Sammen", exact()).check();
		if (checkAccessibility) {
			Browser.assertAccessible(page, "subscribe");
		}
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tilmeld")).click();
		assertThat(page.locator("#message")).containsText("Tjek din indbakke");
		if (checkAccessibility) {
			Browser.assertAccessible(page, "subscribed");
		}
	}

	private static Page.GetByLabelOptions exact() {
		return new Page.GetByLabelOptions().setExact(true);
	}

	private String url(String path) {
		return this.gateway.uri(path).toString();
	}

	private static Calendar calendar(String text) {
		try {
			return new CalendarBuilder().build(new StringReader(text));
		}
		catch (IOException | ParserException ex) {
			throw new AssertionError("Not an iCalendar file: " + text, ex);
		}
	}

}
