package dk.sammen.systemtests.feed;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.temporal.IsoFields;

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
import static dk.sammen.systemtests.api.Times.nextYearsWeek;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise: a person subscribes to "Danmark Spiser Sammen in my kommune" in a calendar
 * app with one URL, and gets exactly the meals of that programme there, cancelled ones marked so.
 */
@SystemTest
class DanmarkSpiserSammenCalendarTest {

	private static final Town MY_KOMMUNE = Town.KOEBENHAVN;

	private static final Town NEIGHBOUR = Town.BROENDBY;

	private static final String PROGRAMME = "danmark-spiser-sammen";

	/** What the README tells people to subscribe to (with webcal:// or "subscribe by URL"). */
	private static final String SUBSCRIPTION = "/api/v1/feed.ics?programme=" + PROGRAMME + "&kommune="
			+ MY_KOMMUNE.kommuneCode();

	private final Gateway gateway;

	private String springMeal = "";

	private String autumnMeal = "";

	private String cancelledMeal = "";

	DanmarkSpiserSammenCalendarTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@BeforeAll
	void publishMealsAndOtherThings() {
		Partner partner = this.gateway.newPartner("Københavns Madklubber");
		this.springMeal = this.gateway.publishEvent(partner, meal(MY_KOMMUNE, 17, DayOfWeek.THURSDAY).title("Forårsmiddag"));
		this.autumnMeal = this.gateway.publishEvent(partner, meal(MY_KOMMUNE, 45, DayOfWeek.WEDNESDAY).title("Høstmiddag"));
		this.cancelledMeal = this.gateway.publishEvent(partner, meal(MY_KOMMUNE, 45, DayOfWeek.FRIDAY).title("Fredagsmiddag"));
		this.gateway.cancelEvent(partner, this.cancelledMeal, "Køkkenet er lukket");
		// none of these belongs in the calendar
		this.gateway.publishEvent(partner, meal(NEIGHBOUR, 17, DayOfWeek.FRIDAY).title("Middag i Brøndby"));
		this.gateway.publishEvent(partner,
				EventBody.in(MY_KOMMUNE, daysAhead(9, 17, 0)).programme("local-partnership").title("Lokal fællesspisning"));
		this.gateway.publishActivity("vaer-en-som-raekker-ud", ActivityBody.in(MY_KOMMUNE, daysAhead(9, 12, 0)));
	}

	@Test
	void subscriptionUrl_forDanmarkSpiserSammenInMyKommune_holdsOnlyThoseMeals() {
		Response response = this.gateway.get(SUBSCRIPTION).expect(200);

		assertThat(response.header("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/calendar"));
		CalendarFile calendar = CalendarFile.parse(response.body());
		assertThat(calendar.property(Property.VERSION)).isEqualTo("2.0");
		assertThat(calendar.property(Property.PRODID)).isNotBlank();
		assertThat(calendar.timeZoneId()).isEqualTo("Europe/Copenhagen");
		assertThat(calendar.uids()).containsExactly(uid(this.springMeal), uid(this.autumnMeal), uid(this.cancelledMeal));
		for (VEvent meal : calendar.events()) {
			assertThat(CalendarFile.startTimeZone(meal)).isEqualTo("Europe/Copenhagen");
			int week = CalendarFile.startInstant(meal).atZone(DANISH_TIME).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
			assertThat(week).as("a Danmark Spiser Sammen week").isIn(17, 45);
		}
		assertThat(CalendarFile.localStart(calendar.event(uid(this.springMeal))).toLocalTime()).isEqualTo(LocalTime.of(17, 30));
		assertThat(CalendarFile.property(calendar.event(uid(this.springMeal)), Property.STATUS)).isEqualTo("CONFIRMED");
		assertThat(CalendarFile.property(calendar.event(uid(this.cancelledMeal)), Property.STATUS)).isEqualTo("CANCELLED");
	}

	@Test
	void subscriptionUrl_askedByACalendarAppWithItsAcceptHeader_isTheSameCalendar() {
		Response plain = this.gateway.get(SUBSCRIPTION).expect(200);
		Response asAnApp = this.gateway.get(SUBSCRIPTION, "Accept", "text/calendar, */*;q=0.5").expect(200);

		assertThat(asAnApp.body()).isEqualTo(plain.body());
	}

	private static EventBody meal(Town town, int week, DayOfWeek day) {
		return EventBody.in(town, nextYearsWeek(week, day, LocalTime.of(17, 30)))
			.programme(PROGRAMME)
			.targetGroups("alle");
	}

	private static String uid(String eventId) {
		return "event-" + eventId + "@sammen.dk";
	}

}
