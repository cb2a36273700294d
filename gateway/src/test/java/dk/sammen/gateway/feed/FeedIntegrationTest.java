package dk.sammen.gateway.feed;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.localstack.KafkaBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed as a client sees it, merging two real HTTP listings that page like events-service,
 * with a short time budget and an eager circuit breaker so that failures show quickly.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.gateway.feed.source-timeout=500ms",
				"sammen.gateway.feed.circuit-breaker.sliding-window-size=4",
				"sammen.gateway.feed.circuit-breaker.minimum-number-of-calls=2",
				"sammen.gateway.feed.circuit-breaker.wait-in-open-state=1s",
				"sammen.gateway.feed.circuit-breaker.permitted-calls-in-half-open-state=1",
				// long, so that only a signal of the change, never the time, can end a 304
				"sammen.gateway.feed.validators.ttl=10m" })
@AutoConfigureWebTestClient
class FeedIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ListingBackend events = ListingBackend.start("e1");

	private static final ListingBackend campaigns = ListingBackend.start("a1");

	private static final FeedTopics topics = new FeedTopics(KafkaBroker.shared().bootstrapServers());

	@Autowired
	private WebTestClient client;

	@Autowired
	private ReactiveResilience4JCircuitBreakerFactory breakers;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private LiveChanges live;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		FeedTopics.create(KafkaBroker.shared().bootstrapServers());
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		registry.add("sammen.gateway.services.events-uri", events::uri);
		registry.add("sammen.gateway.services.campaign-uri", campaigns::uri);
	}

	@AfterAll
	static void stopBackends() {
		events.close();
		campaigns.close();
		topics.close();
	}

	@BeforeEach
	void reset() {
		events.reset();
		campaigns.reset();
		this.breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void mergesBothSources_inStartOrder() {
		events.add(event("e-2", "2027-04-29T12:00:00+02:00", "published", 1));
		events.add(event("e-1", "2027-04-29T10:00:00+02:00", "published", 1));
		campaigns.add(activity("a-1", "2027-04-29T11:00:00+02:00"));
		// the same start as e-2: kind breaks the tie, campaign-activity before event
		campaigns.add(activity("a-2", "2027-04-29T10:00:00Z"));

		this.client.get()
			.uri("/api/v1/feed")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.items[*].id")
			.isEqualTo(List.of("e-1", "a-1", "a-2", "e-2"))
			.jsonPath("$.items[0].kind")
			.isEqualTo("event")
			.jsonPath("$.items[0].title")
			.isEqualTo("Fællesspisning e-1")
			.jsonPath("$.items[0].startsAt")
			.isEqualTo("2027-04-29T10:00:00+02:00")
			.jsonPath("$.items[0].endsAt")
			.isEqualTo("2027-04-29T12:00:00+02:00")
			.jsonPath("$.items[0].status")
			.isEqualTo("published")
			.jsonPath("$.items[0].programme")
			.isEqualTo("danmark-spiser-sammen")
			.jsonPath("$.items[0].kommune.code")
			.isEqualTo("0661")
			.jsonPath("$.items[0].kommune.name")
			.isEqualTo("Holstebro")
			.jsonPath("$.items[0].url")
			.isEqualTo("https://example.dk/tilmeld/e-1")
			.jsonPath("$.items[1].kind")
			.isEqualTo("campaign-activity")
			.jsonPath("$.items[1].programme")
			.isEqualTo("vaer-en-som-raekker-ud")
			.jsonPath("$.items[1].kommune.name")
			.isEqualTo("København")
			.jsonPath("$.items[1].endsAt")
			.hasJsonPath()
			.jsonPath("$.items[1].endsAt")
			.isEmpty()
			.jsonPath("$.items[2].startsAt")
			.isEqualTo("2027-04-29T12:00:00+02:00")
			.jsonPath("$.nextCursor")
			.hasJsonPath()
			.jsonPath("$.nextCursor")
			.isEmpty()
			.jsonPath("$.partial")
			.isEqualTo(false)
			.jsonPath("$.sources.events")
			.isEqualTo("ok")
			.jsonPath("$.sources.campaigns")
			.isEqualTo("ok");
	}

	@Test
	void pagesWithoutSkipsOrRepeats_whileItemsArePublished() {
		OffsetDateTime base = OffsetDateTime.parse("2027-04-26T08:00:00+02:00");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			// pairs of equal starts within and across the sources
			events.add(event("e-" + i, time(base.plusHours(i / 2)), "published", 1));
			expected.add("e-" + i);
		}
		for (int i = 0; i < 7; i++) {
			campaigns.add(activity("a-" + i, time(base.plusHours(i / 2))));
			expected.add("a-" + i);
		}
		List<String> seen = new ArrayList<>();
		List<Instant> starts = new ArrayList<>();
		Set<String> beforePosition = new HashSet<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<?, ?> page = json("/api/v1/feed?limit=3" + ((cursor != null) ? "&cursor=" + cursor : ""));
			for (Object item : (List<?>) page.get("items")) {
				Map<?, ?> fields = (Map<?, ?>) item;
				seen.add((String) fields.get("id"));
				starts.add(OffsetDateTime.parse((String) fields.get("startsAt")).toInstant());
			}
			cursor = (String) page.get("nextCursor");
			pages++;
			// publishing goes on between pages: before the reader's position and well after it
			events.add(event("early-e" + pages, time(base.minusDays(1)), "published", 1));
			campaigns.add(activity("early-a" + pages, time(base.minusDays(1))));
			beforePosition.add("early-e" + pages);
			beforePosition.add("early-a" + pages);
			if (pages <= 3) {
				events.add(event("late-e" + pages, time(base.plusDays(1)), "published", 1));
				campaigns.add(activity("late-a" + pages, time(base.plusDays(1))));
				expected.add("late-e" + pages);
				expected.add("late-a" + pages);
			}
		}
		while (cursor != null && pages < 50);

		assertThat(cursor).isNull();
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
		assertThat(seen).doesNotContainAnyElementsOf(beforePosition);
		assertThat(starts).isSorted();
		assertThat(events.uris()).allSatisfy((uri) -> assertThat(uri).contains("limit=3"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "101", "abc", "-1" })
	void answers400Problem_whenLimitIsOutOfRange(String limit) {
		expectInvalidQuery("/api/v1/feed?limit=" + limit, "limit");
	}

	@Test
	void answers400Problem_whenCursorIsTampered() {
		events.add(event("e-1", "2027-04-29T10:00:00+02:00", "published", 1));
		events.add(event("e-2", "2027-04-29T11:00:00+02:00", "published", 1));
		String cursor = (String) json("/api/v1/feed?limit=1").get("nextCursor");
		assertThat(cursor).isNotNull();
		int before = events.requests();

		expectInvalidQuery("/api/v1/feed?cursor=" + cursor.substring(0, cursor.length() - 2) + "x", "cursor");
		expectInvalidQuery("/api/v1/feed?cursor=not-a-cursor", "cursor");
		expectInvalidQuery("/api/v1/feed?cursor=" + Base64.getUrlEncoder()
			.encodeToString("f1|1|a|b|c|d".getBytes(StandardCharsets.UTF_8)), "cursor");

		assertThat(events.requests()).as("a bad cursor never reaches a source").isEqualTo(before);
	}

	@Test
	void answers400WithTheSourcesErrors_whenSourceRejectsFilters() {
		events.reject(List.of(Map.of("field", "kommune", "message", "official four-digit kommune codes")));

		this.client.get()
			.uri("/api/v1/feed?kommune=9999")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/invalid-query")
			.jsonPath("$.errors[0].field")
			.isEqualTo("kommune")
			.jsonPath("$.errors[0].message")
			.isEqualTo("official four-digit kommune codes");
	}

	@Test
	void forwardsFilters_andAsksNoActivities_forEventOnlyFilters() {
		int campaignRequests = campaigns.requests();

		this.client.get()
			.uri("/api/v1/feed?kommune=0661&kommune=0101&arena=fritid-og-faellesskaber&from={from}",
					"2027-04-26T17:00:00+02:00")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sources.campaigns")
			.isEqualTo("ok");

		assertThat(campaigns.requests()).isEqualTo(campaignRequests);
		assertThat(events.uris()).singleElement()
			.satisfies((uri) -> assertThat(uri).contains("kommune=0661", "kommune=0101",
					"arena=fritid-og-faellesskaber", "from=2027-04-26T17%3A00%3A00%2B02%3A00", "limit=20"));
	}

	@Test
	void asksActivities_forTheCampaignsProgramme() {
		campaigns.add(activity("a-1", "2027-04-29T11:00:00+02:00"));

		this.client.get()
			.uri("/api/v1/feed?programme=vaer-en-som-raekker-ud&kommune=0101")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].id")
			.isEqualTo("a-1");

		assertThat(campaigns.uris()).singleElement()
			.satisfies((uri) -> assertThat(uri).startsWith("/api/v1/campaign-activities?")
				.contains("kommune=0101")
				.doesNotContain("programme"));
		assertThat(events.uris()).singleElement()
			.satisfies((uri) -> assertThat(uri).contains("programme=vaer-en-som-raekker-ud"));
	}

	@Test
	void answersPartialWithinBudget_whenSourceIsSlow() {
		events.add(event("e-1", "2027-04-29T10:00:00+02:00", "published", 1));
		campaigns.delay(Duration.ofSeconds(5));
		long started = System.nanoTime();

		this.client.get()
			.uri("/api/v1/feed")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
			.expectBody()
			.jsonPath("$.items[*].id")
			.isEqualTo(List.of("e-1"))
			.jsonPath("$.partial")
			.isEqualTo(true)
			.jsonPath("$.sources.events")
			.isEqualTo("ok")
			.jsonPath("$.sources.campaigns")
			.isEqualTo("unavailable");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void answersPartial_whenSourceIsDown() {
		campaigns.add(activity("a-1", "2027-04-29T11:00:00+02:00"));
		events.stop();

		this.client.get()
			.uri("/api/v1/feed.ics")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(FeedHandler.SOURCES_HEADER, "events=unavailable, campaigns=ok");
		this.client.get()
			.uri("/api/v1/feed")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[*].id")
			.isEqualTo(List.of("a-1"))
			.jsonPath("$.partial")
			.isEqualTo(true)
			.jsonPath("$.sources.events")
			.isEqualTo("unavailable");
	}

	@Test
	void answers503Problem_whenBothSourcesAreDown() {
		events.stop();
		campaigns.stop();

		this.client.get()
			.uri("/api/v1/feed")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/unavailable");
	}

	@Test
	void opensBreaker_afterFailures_andClosesOnceSourceRecovers() {
		campaigns.failWith(500);
		for (int i = 0; i < 2; i++) {
			expectCampaigns("unavailable");
		}
		assertThat(state("campaigns")).isEqualTo(CircuitBreaker.State.OPEN);
		int failed = campaigns.requests();

		expectCampaigns("unavailable");
		assertThat(campaigns.requests()).as("an open breaker does not call the source").isEqualTo(failed);

		campaigns.answerNormally();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> expectCampaigns("ok"));
		assertThat(state("campaigns")).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(state("events")).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void writesICalendar_bySuffixAndByAccept() throws Exception {
		events.add(event("e-1", "2027-04-29T17:30:00+02:00", "published", 1));
		events.add(event("e-2", "2027-11-10T18:00:00+01:00", "cancelled", 4));
		campaigns.add(activity("a-1", "2027-05-01T09:00:00+02:00"));

		EntityExchangeResult<byte[]> bySuffix = this.client.get()
			.uri("/api/v1/feed.ics")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/calendar")
			.expectBody()
			.returnResult();
		EntityExchangeResult<byte[]> byAccept = this.client.get()
			.uri("/api/v1/feed")
			.accept(MediaType.parseMediaType("text/calendar"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		assertThat(byAccept.getResponseBody()).isEqualTo(bySuffix.getResponseBody());

		Calendar calendar = new CalendarBuilder()
			.build(new StringReader(new String(bySuffix.getResponseBody(), StandardCharsets.UTF_8)));
		assertThat(calendar.<VTimeZone>getComponent(Component.VTIMEZONE)).hasValueSatisfying(
				(zone) -> assertThat(zone.getTimeZoneId().getValue()).isEqualTo("Europe/Copenhagen"));
		List<VEvent> vevents = calendar.getComponents(Component.VEVENT);
		assertThat(vevents).extracting((vevent) -> vevent.getUid().orElseThrow().getValue())
			.containsExactly("event-e-1@sammen.dk", "campaign-activity-a-1@sammen.dk", "event-e-2@sammen.dk");
		VEvent summer = vevents.get(0);
		assertThat(instant(summer.getDateTimeStart())).isEqualTo(Instant.parse("2027-04-29T15:30:00Z"));
		assertThat(summer.getDateTimeStart().getParameter(Parameter.TZID))
			.hasValueSatisfying((tzid) -> assertThat(tzid.getValue()).isEqualTo("Europe/Copenhagen"));
		assertThat(value(summer, Property.SUMMARY)).isEqualTo("Fællesspisning e-1");
		assertThat(value(summer, Property.DESCRIPTION)).isEqualTo("Kom alene & sammen");
		assertThat(value(summer, Property.LOCATION)).isEqualTo("Medborgerhuset, Nørregade 1, 7500 Holstebro");
		assertThat(value(summer, Property.GEO)).isEqualTo("56.36;8.62");
		assertThat(value(summer, Property.URL)).isEqualTo("https://example.dk/tilmeld/e-1");
		assertThat(value(summer, Property.STATUS)).isEqualTo("CONFIRMED");
		assertThat(value(summer, Property.SEQUENCE)).isEqualTo("1");
		VEvent winter = vevents.get(2);
		assertThat(instant(winter.getDateTimeStart())).isEqualTo(Instant.parse("2027-11-10T17:00:00Z"));
		assertThat(value(winter, Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(value(winter, Property.SEQUENCE)).isEqualTo("4");
		assertThat(vevents.get(1).getProperty(Property.DTEND)).as("an activity without end").isEmpty();
	}

	@Test
	void writesAtom_bySuffixAndByAccept() throws Exception {
		events.add(event("e-1", "2027-04-29T17:30:00+02:00", "cancelled", 2));
		campaigns.add(activity("a-1", "2027-05-01T09:00:00+02:00"));

		String bySuffix = this.client.get()
			.uri("/api/v1/feed.atom")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("application/atom+xml")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String byAccept = this.client.get()
			.uri("/api/v1/feed.atom")
			.accept(MediaType.parseMediaType("application/atom+xml"))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(byAccept).isEqualTo(bySuffix);

		SyndFeed feed = new SyndFeedInput().build(new StringReader(bySuffix));
		assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
		assertThat(feed.getEntries()).extracting(SyndEntry::getUri)
			.containsExactly("tag:sammen.dk,2026:event-e-1", "tag:sammen.dk,2026:campaign-activity-a-1");
		SyndEntry cancelled = feed.getEntries().get(0);
		assertThat(cancelled.getTitle()).isEqualTo("Aflyst: Fællesspisning e-1");
		assertThat(cancelled.getLink()).isEqualTo("https://example.dk/tilmeld/e-1");
		assertThat(cancelled.getUpdatedDate().toInstant()).isEqualTo(Instant.parse("2027-01-10T08:00:00Z"));
		assertThat(cancelled.getContents()).singleElement()
			.satisfies((content) -> assertThat(content.getValue()).isEqualTo("<p>Kom alene &amp; sammen</p>"));
	}

	@Test
	void writesSchemaOrgEvents_forJsonLd() {
		Map<String, Object> online = event("e-2", "2027-04-30T19:00:00+02:00", "published", 1);
		online.put("location", null);
		online.put("online", Map.of("url", "https://example.dk/online"));
		online.put("priceDkk", 50);
		events.add(event("e-1", "2027-04-29T17:30:00+02:00", "cancelled", 2));
		events.add(online);

		this.client.get()
			.uri("/api/v1/feed")
			.accept(MediaType.parseMediaType("application/ld+json"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("application/ld+json")
			.expectBody()
			.jsonPath("$['@context']")
			.isEqualTo("https://schema.org")
			.jsonPath("$['@type']")
			.isEqualTo("ItemList")
			.jsonPath("$.numberOfItems")
			.isEqualTo(2)
			.jsonPath("$.itemListElement[0].position")
			.isEqualTo(1)
			.jsonPath("$.itemListElement[0].item['@type']")
			.isEqualTo("Event")
			.jsonPath("$.itemListElement[0].item.name")
			.isEqualTo("Fællesspisning e-1")
			.jsonPath("$.itemListElement[0].item.startDate")
			.isEqualTo("2027-04-29T17:30:00+02:00")
			.jsonPath("$.itemListElement[0].item.eventStatus")
			.isEqualTo("https://schema.org/EventCancelled")
			.jsonPath("$.itemListElement[0].item.eventAttendanceMode")
			.isEqualTo("https://schema.org/OfflineEventAttendanceMode")
			.jsonPath("$.itemListElement[0].item.location.name")
			.isEqualTo("Medborgerhuset")
			.jsonPath("$.itemListElement[0].item.location.address.postalCode")
			.isEqualTo("7500")
			.jsonPath("$.itemListElement[0].item.location.address.addressLocality")
			.isEqualTo("Holstebro")
			.jsonPath("$.itemListElement[0].item.location.geo.latitude")
			.isEqualTo(56.36)
			.jsonPath("$.itemListElement[0].item.organizer.name")
			.isEqualTo("Fællesskabsby Ringsted")
			.jsonPath("$.itemListElement[0].item.offers.price")
			.isEqualTo(0)
			.jsonPath("$.itemListElement[0].item.offers.priceCurrency")
			.isEqualTo("DKK")
			.jsonPath("$.itemListElement[1].item.eventStatus")
			.isEqualTo("https://schema.org/EventScheduled")
			.jsonPath("$.itemListElement[1].item.eventAttendanceMode")
			.isEqualTo("https://schema.org/OnlineEventAttendanceMode")
			.jsonPath("$.itemListElement[1].item.location['@type']")
			.isEqualTo("VirtualLocation")
			.jsonPath("$.itemListElement[1].item.offers.price")
			.isEqualTo(50);
	}

	@Test
	void showsWelcome_inEveryFormat_andAsksNoActivitiesForTheWelcomeFilter() throws Exception {
		Map<String, Object> welcoming = event("e-1", "2027-04-29T17:30:00+02:00", "published", 1);
		welcoming.put("welcome", List.of("kom-alene", "foelgeskab"));
		welcoming.put("welcomeNote", "Spørg efter Karen ved døren.");
		welcoming.put("transportNote", "Bus 3 holder ved døren.");
		events.add(welcoming);
		events.add(event("e-2", "2027-04-30T17:30:00+02:00", "published", 1));
		int campaignRequests = campaigns.requests();

		this.client.get()
			.uri("/api/v1/feed?welcome=kom-alene&welcome=foelgeskab")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].welcome")
			.isEqualTo(List.of("kom-alene", "foelgeskab"))
			.jsonPath("$.items[0].welcomeNote")
			.isEqualTo("Spørg efter Karen ved døren.")
			.jsonPath("$.items[0].transportNote")
			.isEqualTo("Bus 3 holder ved døren.")
			.jsonPath("$.items[1].welcome")
			.isEmpty();
		assertThat(campaigns.requests()).as("activities have no welcome").isEqualTo(campaignRequests);
		assertThat(events.uris()).last()
			.satisfies((uri) -> assertThat(uri).contains("welcome=kom-alene", "welcome=foelgeskab"));

		String ics = this.client.get().uri("/api/v1/feed.ics").exchange().expectBody(String.class).returnResult()
			.getResponseBody();
		List<VEvent> vevents = new CalendarBuilder().build(new StringReader(ics)).getComponents(Component.VEVENT);
		assertThat(value(vevents.get(0), Property.DESCRIPTION)).isEqualTo("""
				Kom alene – nogen tager imod dig
				Følgeskab kan arrangeres
				Spørg efter Karen ved døren.
				Transport: Bus 3 holder ved døren.

				Kom alene & sammen""");
		assertThat(value(vevents.get(1), Property.DESCRIPTION)).isEqualTo("Kom alene & sammen");

		String atom = this.client.get().uri("/api/v1/feed.atom").exchange().expectBody(String.class).returnResult()
			.getResponseBody();
		SyndEntry entry = new SyndFeedInput().build(new StringReader(atom)).getEntries().get(0);
		assertThat(entry.getDescription().getValue()).contains("Kom alene – nogen tager imod dig",
				"Transport: Bus 3 holder ved døren.");
		assertThat(entry.getCategories()).filteredOn((category) -> AtomFeedWriter.WELCOME_SCHEME
			.equals(category.getTaxonomyUri())).extracting((category) -> category.getName())
			.containsExactly("kom-alene", "foelgeskab");

		this.client.get()
			.uri("/api/v1/feed")
			.accept(MediaType.parseMediaType("application/ld+json"))
			.exchange()
			.expectBody()
			.jsonPath("$.itemListElement[0].item.keywords")
			.isEqualTo("Kom alene – nogen tager imod dig, Følgeskab kan arrangeres")
			.jsonPath("$.itemListElement[0].item.description")
			.value((description) -> assertThat((String) description).startsWith("Kom alene – nogen tager imod dig\n"))
			.jsonPath("$.itemListElement[1].item.keywords")
			.doesNotExist();
	}

	@Test
	void answers304_whenETagMatches_andANewETagOnceAChangeRecordArrives() {
		events.add(event("e-1", "2027-04-29T17:30:00+02:00", "published", 1));
		String etag = this.client.get()
			.uri("/api/v1/feed")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=60, public")
			.expectHeader()
			.valueMatches(HttpHeaders.ETAG, "\"[A-Za-z0-9_-]{43}\"")
			.returnResult(String.class)
			.getResponseHeaders()
			.getETag();

		this.client.get()
			.uri("/api/v1/feed")
			.ifNoneMatch(etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectBody()
			.isEmpty();

		// written past this gateway (another replica, the service itself): the record on the topic tells
		Map<String, Object> added = event("e-2", "2027-04-29T18:30:00+02:00", "published", 1);
		events.add(added);
		this.live.ready().block(Duration.ofSeconds(30));
		topics.send("e-2", CloudEventTypes.EVENT_PUBLISHED_V1, Map.of("event", added));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.client.get()
				.uri("/api/v1/feed")
				.ifNoneMatch(etag)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.value(HttpHeaders.ETAG, (changed) -> assertThat(changed).isNotEqualTo(etag)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/feed?kommune=0661", "/api/v1/feed.ics?kommune=0661",
			"/api/v1/feed.atom?kommune=0661" })
	void answers304WithoutAskingTheSources_whileNothingChanged(String uri) {
		events.add(event("e-1", "2027-04-29T17:30:00+02:00", "published", 1));
		campaigns.add(activity("a-1", "2027-04-29T11:00:00+02:00"));
		EntityExchangeResult<byte[]> first = this.client.get().uri(uri).exchange().expectBody().returnResult();
		String etag = first.getResponseHeaders().getETag();
		int asked = events.requests() + campaigns.requests();

		EntityExchangeResult<Void> again = this.client.get()
			.uri(uri)
			.ifNoneMatch(etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectBody()
			.isEmpty();

		assertThat(events.requests() + campaigns.requests()).isEqualTo(asked);
		HttpHeaders headers = again.getResponseHeaders();
		assertThat(headers.getETag()).isEqualTo(etag);
		for (String name : List.of(HttpHeaders.CACHE_CONTROL, HttpHeaders.VARY, FeedHandler.SOURCES_HEADER)) {
			assertThat(headers.get(name)).as(name).isEqualTo(first.getResponseHeaders().get(name));
		}
	}

	@Test
	void answersANewETag_toTheNextConditionalGet_afterAWriteThroughTheGateway() {
		events.add(event("e-1", "2027-04-29T17:30:00+02:00", "published", 1));
		String etag = this.client.get().uri("/api/v1/feed").exchange().returnResult(String.class).getResponseHeaders()
			.getETag();
		this.client.get().uri("/api/v1/feed").ifNoneMatch(etag).exchange().expectStatus().isNotModified();

		// the service has stored the event by the time it answers the write
		events.add(event("e-2", "2027-04-29T18:30:00+02:00", "published", 1));
		this.client.post()
			.uri("/api/v1/events")
			.bodyValue(Map.of("title", "Grødaften"))
			.exchange()
			.expectStatus()
			.isOk();

		this.client.get()
			.uri("/api/v1/feed")
			.ifNoneMatch(etag)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.ETAG, (changed) -> assertThat(changed).isNotEqualTo(etag));
	}

	@Test
	void allowsEveryOrigin_forGet() {
		this.client.get()
			.uri("/api/v1/feed.ics")
			.header(HttpHeaders.ORIGIN, "https://www.holstebro.dk")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
		this.client.options()
			.uri("/api/v1/feed")
			.header(HttpHeaders.ORIGIN, "https://www.holstebro.dk")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "If-None-Match")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
	}

	@Test
	void recordsLatencyPerFormat_andPartialAnswersPerSource() {
		events.add(event("e-1", "2027-04-29T17:30:00+02:00", "published", 1));
		List<String> formats = List.of("json", "ics", "atom", "jsonld");
		Map<String, Long> answered = new LinkedHashMap<>();
		formats.forEach((format) -> answered.put(format, latency(format)));
		double eventsPartial = partial("events");
		double campaignsPartial = partial("campaigns");

		this.client.get().uri("/api/v1/feed").exchange().expectStatus().isOk();
		this.client.get().uri("/api/v1/feed.ics").exchange().expectStatus().isOk();
		this.client.get().uri("/api/v1/feed.atom").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/api/v1/feed")
			.accept(MediaType.parseMediaType("application/ld+json"))
			.exchange()
			.expectStatus()
			.isOk();

		formats.forEach((format) -> assertThat(latency(format)).as(format).isEqualTo(answered.get(format) + 1));
		assertThat(partial("campaigns")).isEqualTo(campaignsPartial);

		campaigns.delay(Duration.ofSeconds(5));
		this.client.get()
			.uri("/api/v1/feed")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.partial")
			.isEqualTo(true);

		assertThat(partial("campaigns")).isEqualTo(campaignsPartial + 1);
		assertThat(partial("events")).isEqualTo(eventsPartial);
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		for (String format : formats) {
			assertThat(scrape).containsPattern("(?m)^sammen_feed_latency_seconds_count\\{[^}]*format=\"" + format
					+ "\"[^}]*\\} [1-9]");
		}
		assertThat(scrape).containsPattern("(?m)^sammen_feed_latency_seconds_bucket\\{[^}]*format=\"json\"");
		assertThat(scrape).containsPattern("(?m)^sammen_feed_partial_total\\{[^}]*source=\"campaigns\"[^}]*\\} [1-9]");
		assertThat(scrape).containsPattern("(?m)^sammen_feed_partial_total\\{[^}]*source=\"events\"[^}]*\\} ");
	}

	private long latency(String format) {
		return this.meters.get(FeedMetrics.LATENCY).tag("format", format).timer().count();
	}

	private double partial(String source) {
		return this.meters.get(FeedMetrics.PARTIAL).tag("source", source).counter().count();
	}

	private void expectCampaigns(String status) {
		this.client.get()
			.uri("/api/v1/feed")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sources.campaigns")
			.isEqualTo(status);
	}

	private CircuitBreaker.State state(String source) {
		return this.breakers.getCircuitBreakerRegistry().circuitBreaker(FeedService.BREAKER_PREFIX + source).getState();
	}

	private void expectInvalidQuery(String uri, String field) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/invalid-query")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	private Map<?, ?> json(String uri) {
		byte[] body = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readValue(body, Map.class);
	}

	private static Instant instant(DtStart<?> start) {
		return Instant.from(start.getDate());
	}

	private static @Nullable String value(VEvent event, String property) {
		return event.getProperty(property).map(Property::getValue).orElse(null);
	}

	private static String time(OffsetDateTime time) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
	}

	static Map<String, Object> event(String id, String startsAt, String status, long version) {
		Map<String, Object> location = new LinkedHashMap<>();
		location.put("venue", "Medborgerhuset");
		location.put("street", "Nørregade 1");
		location.put("postalCode", "7500");
		location.put("city", "Holstebro");
		location.put("kommuneCode", "0661");
		location.put("regionCode", "1082");
		location.put("lat", 56.36);
		location.put("lon", 8.62);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", id);
		event.put("status", status);
		event.put("organisationId", "org-1");
		event.put("organisationName", "Fællesskabsby Ringsted");
		event.put("version", version);
		event.put("createdAt", "2027-01-10T09:00:00+01:00");
		event.put("updatedAt", "2027-01-10T09:00:00+01:00");
		event.put("title", "Fællesspisning " + id);
		event.put("description", "<p>Kom alene &amp; sammen</p>");
		event.put("programme", "danmark-spiser-sammen");
		event.put("campaign", null);
		event.put("startsAt", startsAt);
		event.put("endsAt", time(OffsetDateTime.parse(startsAt).plusHours(2)));
		event.put("location", location);
		event.put("online", null);
		event.put("arenas", List.of("fritid-og-faellesskaber"));
		event.put("priceDkk", 0);
		event.put("registrationUrl", "https://example.dk/tilmeld/" + id);
		return event;
	}

	static Map<String, Object> activity(String id, String startsAt) {
		Map<String, Object> activity = new LinkedHashMap<>();
		activity.put("id", id);
		activity.put("campaign", "vaer-en-som-raekker-ud");
		activity.put("kind", "talk");
		activity.put("title", "Foredrag " + id);
		activity.put("description", "Om at række ud");
		activity.put("startsAt", startsAt);
		activity.put("endsAt", null);
		activity.put("status", "published");
		activity.put("kommuneCode", "0101");
		activity.put("url", "https://example.dk/kampagne/" + id);
		activity.put("version", 1);
		return activity;
	}

}
