package dk.sammen.systemtests.feed;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.Feed;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Query;
import dk.sammen.systemtests.api.Town;
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.DANISH_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's recurring offer, end to end through the gateway: "every Tuesday at 10, coffee and a
 * chat" across the start of summer time, without the Tuesday of a holiday, one Tuesday called off.
 * The feed lists each occurrence at 10:00 Danish time; the calendar file holds the series once,
 * with RRULE and EXDATE, which a real parser expands to the same Tuesdays; JSON-LD describes it as
 * a schema.org Schedule.
 */
@SystemTest
class RecurringOfferFeedTest {

	private static final OffsetDateTime FIRST = OffsetDateTime.parse("2027-03-16T10:00:00+01:00");

	private final Gateway gateway;

	private final String word = "kaffe" + UUID.randomUUID().toString().substring(0, 8);

	private String coffee = "";

	RecurringOfferFeedTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@BeforeAll
	void publishTheSeries() {
		Partner partner = this.gateway.newPartner("Café Fællesskab");
		this.coffee = this.gateway.publishEvent(partner,
				EventBody.in(Town.VIBORG, FIRST)
					.title("Kaffe og en snak " + this.word)
					.welcome("kom-alene")
					.schedule("FREQ=WEEKLY;BYDAY=TU", "2027-04-13", "2027-03-23"));
		this.gateway.cancelOccurrence(partner, this.coffee, "2027-04-06", "Påskeferie");
	}

	@Test
	void feed_weeklySeriesAcrossDst_listsEachTuesdayAtTenDanishTime() {
		Feed feed = this.gateway.feed(Query.of("q", this.word).and("from", "2027-03-01"));
		assertThat(feed.items()).extracting(Feed.Item::id).containsOnly(this.coffee);
		assertThat(feed.items()).extracting((item) -> item.startsAt().toString())
			.containsExactly("2027-03-16T10:00+01:00", "2027-03-30T10:00+02:00", "2027-04-06T10:00+02:00",
					"2027-04-13T10:00+02:00");
		assertThat(feed.items()).extracting(Feed.Item::status)
			.containsExactly("published", "published", "cancelled", "published");
	}

	@Test
	void ics_series_isWrittenOnceWithRruleAndExdateAndExpandsToTheSameTuesdays() {
		CalendarFile calendar = CalendarFile
			.parse(this.gateway.get("/api/v1/feed.ics?q=" + this.word + "&from=2027-03-01").expect(200).body());
		String uid = "event-" + this.coffee + "@sammen.dk";
		List<VEvent> events = calendar.events();
		assertThat(events).hasSize(2).allSatisfy((event) -> assertThat(event.getUid().orElseThrow().getValue()).isEqualTo(uid));
		VEvent series = events.stream().filter((event) -> event.getProperty(Property.RECURRENCE_ID).isEmpty())
			.findFirst().orElseThrow();
		assertThat(CalendarFile.property(series, Property.RRULE)).contains("FREQ=WEEKLY").contains("BYDAY=TU")
			.contains("UNTIL=20270413T215959Z");
		assertThat(CalendarFile.property(series, Property.EXDATE)).isEqualTo("20270323T100000");
		assertThat(CalendarFile.startTimeZone(series)).isEqualTo("Europe/Copenhagen");
		assertThat(CalendarFile.localStart(series)).isEqualTo(LocalDateTime.parse("2027-03-16T10:00"));

		// a real parser expands the rule: every Tuesday at 10 Danish time but 23 March, to 13 April
		Period<ZonedDateTime> spring = new Period<>(ZonedDateTime.of(2027, 3, 1, 0, 0, 0, 0, DANISH_TIME),
				ZonedDateTime.of(2027, 5, 1, 0, 0, 0, 0, DANISH_TIME));
		List<String> expanded = series.<ZonedDateTime>calculateRecurrenceSet(spring)
			.stream()
			.map((period) -> period.getStart().withZoneSameInstant(DANISH_TIME).toOffsetDateTime().toString())
			.sorted()
			.toList();
		assertThat(expanded).containsExactly("2027-03-16T10:00+01:00", "2027-03-30T10:00+02:00",
				"2027-04-06T10:00+02:00", "2027-04-13T10:00+02:00");

		VEvent calledOff = events.stream().filter((event) -> event.getProperty(Property.RECURRENCE_ID).isPresent())
			.findFirst().orElseThrow();
		assertThat(CalendarFile.property(calledOff, Property.RECURRENCE_ID)).isEqualTo("20270406T100000");
		assertThat(CalendarFile.property(calledOff, Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(CalendarFile.property(series, Property.STATUS)).isEqualTo("CONFIRMED");
	}

	@Test
	void jsonLd_series_isASchemaOrgSchedule() {
		JsonNode list = this.gateway
			.get("/api/v1/feed?q=" + this.word + "&from=2027-03-01", "Accept", "application/ld+json")
			.expect(200)
			.json();
		JsonNode schedule = list.path("itemListElement").path(0).path("item").path("eventSchedule");
		assertThat(schedule.path("@type").asText()).isEqualTo("Schedule");
		assertThat(schedule.path("repeatFrequency").asText()).isEqualTo("P1W");
		assertThat(schedule.path("byDay").path(0).asText()).isEqualTo("https://schema.org/Tuesday");
		assertThat(schedule.path("startTime").asText()).isEqualTo("10:00");
		assertThat(schedule.path("startDate").asText()).isEqualTo("2027-03-16");
		assertThat(schedule.path("endDate").asText()).isEqualTo("2027-04-13");
		assertThat(schedule.path("scheduleTimezone").asText()).isEqualTo("Europe/Copenhagen");
		assertThat(schedule.path("exceptDate").toString()).isEqualTo("[\"2027-03-23\",\"2027-04-06\"]");
		assertThat(list.path("itemListElement").path(2).path("item").path("eventStatus").asText())
			.isEqualTo("https://schema.org/EventCancelled");
	}

	@Test
	void atom_occurrences_haveDistinctEntryIds() {
		String atom = this.gateway.get("/api/v1/feed.atom?q=" + this.word + "&from=2027-03-01").expect(200).body();
		assertThat(atom).contains("tag:sammen.dk,2026:event-" + this.coffee + "/2027-03-16")
			.contains("tag:sammen.dk,2026:event-" + this.coffee + "/2027-04-13");
	}

}
