package dk.sammen.systemtests.feed;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.sammen.systemtests.api.ActivityBody;
import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Response;
import dk.sammen.systemtests.api.Town;
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.DANISH_TIME;
import static dk.sammen.systemtests.api.Times.daysAhead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same query in iCalendar, Atom and JSON-LD, each parsed back with a real parser of that
 * format: a published event, a cancelled one and a campaign activity in Frederiksberg.
 */
@SystemTest
class FeedFormatsTest {

	private static final Town TOWN = Town.FREDERIKSBERG;

	private static final String QUERY = "kommune=" + TOWN.kommuneCode();

	private final Gateway gateway;

	private String published = "";

	private String cancelled = "";

	private String activity = "";

	private OffsetDateTime publishedStart = OffsetDateTime.MIN;

	FeedFormatsTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@BeforeAll
	void publishAnEventACancelledEventAndAnActivity() {
		Partner partner = this.gateway.newPartner("Frederiksberg Seniorklub");
		this.publishedStart = daysAhead(60, 18, 0);
		this.published = this.gateway.publishEvent(partner,
				EventBody.in(TOWN, this.publishedStart).title("Fællesspisning på Frederiksberg"));
		this.cancelled = this.gateway.publishEvent(partner, EventBody.in(TOWN, daysAhead(61, 19, 0)).title("Banko"));
		this.gateway.cancelEvent(partner, this.cancelled, "Lokalet er lukket");
		this.activity = this.gateway.publishActivity("vaer-en-som-raekker-ud",
				ActivityBody.in(TOWN, daysAhead(62, 10, 0)).kind("school-activity").title("Skoledag om ensomhed"));
	}

	@Test
	void ics_parsedWithIcal4j_hasAVeventPerItemInCopenhagenTime() {
		Response response = this.gateway.get("/api/v1/feed.ics?" + QUERY).expect(200);

		assertThat(response.header("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/calendar"));
		CalendarFile calendar = CalendarFile.parse(response.body());
		assertThat(calendar.property(Property.VERSION)).isEqualTo("2.0");
		assertThat(calendar.timeZoneId()).isEqualTo("Europe/Copenhagen");
		assertThat(calendar.uids()).containsExactly("event-" + this.published + "@sammen.dk",
				"event-" + this.cancelled + "@sammen.dk", "campaign-activity-" + this.activity + "@sammen.dk");
		VEvent meal = calendar.event("event-" + this.published + "@sammen.dk");
		assertThat(CalendarFile.property(meal, Property.SUMMARY)).isEqualTo("Fællesspisning på Frederiksberg");
		assertThat(CalendarFile.startTimeZone(meal)).isEqualTo("Europe/Copenhagen");
		assertThat(CalendarFile.localStart(meal)).isEqualTo(this.publishedStart.atZoneSameInstant(DANISH_TIME).toLocalDateTime());
		assertThat(CalendarFile.startInstant(meal)).isEqualTo(this.publishedStart.toInstant());
		assertThat(CalendarFile.property(meal, Property.STATUS)).isEqualTo("CONFIRMED");
		assertThat(CalendarFile.property(calendar.event("event-" + this.cancelled + "@sammen.dk"), Property.STATUS))
			.isEqualTo("CANCELLED");
	}

	@Test
	void ics_askedForByAccept_isTheSameAsBySuffix() {
		Response bySuffix = this.gateway.get("/api/v1/feed.ics?" + QUERY).expect(200);
		Response byAccept = this.gateway.get("/api/v1/feed?" + QUERY, "Accept", "text/calendar").expect(200);

		assertThat(byAccept.body()).isEqualTo(bySuffix.body());
		assertThat(byAccept.header("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/calendar"));
	}

	@Test
	void atom_parsedWithRome_hasAnEntryPerItem() throws Exception {
		Response response = this.gateway.get("/api/v1/feed.atom?" + QUERY).expect(200);

		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/atom+xml"));
		SyndFeed feed = new SyndFeedInput().build(new StringReader(response.body()));
		assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
		assertThat(feed.getEntries()).extracting(SyndEntry::getUri)
			.containsExactly("tag:sammen.dk,2026:event-" + this.published, "tag:sammen.dk,2026:event-" + this.cancelled,
					"tag:sammen.dk,2026:campaign-activity-" + this.activity);
		assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
			.containsExactly("Fællesspisning på Frederiksberg", "Aflyst: Banko", "Skoledag om ensomhed");
		Response byAccept = this.gateway.get("/api/v1/feed?" + QUERY, "Accept", "application/atom+xml").expect(200);
		// the same entries; the feed's own link and id name the URL asked
		assertThat(new SyndFeedInput().build(new StringReader(byAccept.body())).getEntries()).extracting(SyndEntry::getUri)
			.containsExactlyElementsOf(feed.getEntries().stream().map(SyndEntry::getUri).toList());
	}

	@Test
	void jsonLd_parsedWithJackson_isASchemaOrgItemListOfEvents() {
		Response response = this.gateway.get("/api/v1/feed?" + QUERY, "Accept", "application/ld+json").expect(200);

		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/ld+json"));
		JsonNode list = response.json();
		assertThat(list.path("@context").asText()).isEqualTo("https://schema.org");
		assertThat(list.path("@type").asText()).isEqualTo("ItemList");
		assertThat(list.path("numberOfItems").asInt()).isEqualTo(3);
		List<JsonNode> elements = new ArrayList<>();
		list.path("itemListElement").forEach(elements::add);
		assertThat(elements).extracting((element) -> element.path("position").asInt()).containsExactly(1, 2, 3);
		assertThat(elements).extracting((element) -> element.path("item").path("@type").asText())
			.containsExactly("Event", "Event", "Event");
		JsonNode meal = elements.get(0).path("item");
		assertThat(meal.path("name").asText()).isEqualTo("Fællesspisning på Frederiksberg");
		assertThat(OffsetDateTime.parse(meal.path("startDate").asText())).isEqualTo(this.publishedStart);
		assertThat(meal.path("eventStatus").asText()).isEqualTo("https://schema.org/EventScheduled");
		assertThat(meal.path("location").path("@type").asText()).isEqualTo("Place");
		assertThat(meal.path("location").path("address").path("postalCode").asText()).isEqualTo(TOWN.postalCode());
		assertThat(elements.get(1).path("item").path("eventStatus").asText())
			.isEqualTo("https://schema.org/EventCancelled");
		assertThat(elements.get(2).path("item").path("name").asText()).isEqualTo("Skoledag om ensomhed");
	}

}
