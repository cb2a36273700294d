package dk.sammen.events.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recurring offers (CONTRACT section 9) through HTTP: the listing expands a series into its
 * occurrences in Danish time across daylight saving time, merged with one-off events in one order
 * that pages without skipping or repeating; single occurrences can be called off.
 */
class RecurringEventTests extends EventsIntegrationTest {

	private String tag;

	private Partner partner;

	@BeforeEach
	void uniqueTag() {
		this.tag = "t" + UUID.randomUUID().toString().replace("-", "");
		this.partner = newPartner();
	}

	@Test
	void list_weeklySeriesAcrossSpringDst_expandsOccurrencesAtTheSameDanishTime() {
		String coffee = published(series("2027-03-16T10:00:00+01:00", "2027-03-16T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU")));
		String once = published(oneOff("2027-03-25T18:00:00+01:00"));
		JsonNode page = list("&from=2027-03-15&to=2027-04-07");
		assertThat(ids(page)).containsExactly(coffee, coffee, once, coffee, coffee);
		assertThat(starts(page)).containsExactly("2027-03-16T10:00:00+01:00", "2027-03-23T10:00:00+01:00",
				"2027-03-25T18:00:00+01:00", "2027-03-30T10:00:00+02:00", "2027-04-06T10:00:00+02:00");
		JsonNode afterDst = page.get("items").get(3);
		assertThat(afterDst.get("endsAt").asString()).isEqualTo("2027-03-30T12:00:00+02:00");
		assertThat(afterDst.get("schedule").get("rrule").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
		assertThat(afterDst.get("schedule").get("firstStartsAt").asString()).isEqualTo("2027-03-16T10:00:00+01:00");
		assertThat(afterDst.get("schedule").get("seriesEndsAt").isNull()).isTrue();
		assertThat(page.get("items").get(2).get("schedule").isNull()).isTrue();
	}

	@Test
	void list_seriesWithUntilAndExdates_leavesOutTheExceptedDaysAndStopsAtTheEnd() {
		String coffee = published(series("2026-12-01T10:00:00+01:00", "2026-12-01T11:30:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "until", "2027-01-12", "exdates",
						List.of("2026-12-22", "2026-12-29"))));
		JsonNode page = list("&from=2026-11-30&to=2027-03-01");
		assertThat(starts(page)).containsExactly("2026-12-01T10:00:00+01:00", "2026-12-08T10:00:00+01:00",
				"2026-12-15T10:00:00+01:00", "2027-01-05T10:00:00+01:00", "2027-01-12T10:00:00+01:00");
		JsonNode schedule = page.get("items").get(0).get("schedule");
		assertThat(schedule.get("until").asString()).isEqualTo("2027-01-12");
		assertThat(schedule.get("rrule").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270112T225959Z");
		assertThat(schedule.get("seriesEndsAt").asString()).isEqualTo("2027-01-12T11:30:00+01:00");
		assertThat(schedule.get("exdates").toString()).isEqualTo("[\"2026-12-22\",\"2026-12-29\"]");
		assertThat(ids(list("&from=2027-01-13"))).doesNotContain(coffee);
	}

	@Test
	void list_monthlyLastFridayWithCount_endsAfterThatManyTimes() {
		published(series("2027-01-29T17:00:00+01:00", "2027-01-29T19:00:00+01:00",
				Map.of("rrule", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4")));
		assertThat(starts(list("&from=2027-01-01"))).containsExactly("2027-01-29T17:00:00+01:00",
				"2027-02-26T17:00:00+01:00", "2027-03-26T17:00:00+01:00", "2027-04-30T17:00:00+02:00");
	}

	@Test
	void list_occurrenceInProgress_isStillListed() {
		published(series("2027-02-02T10:00:00+01:00", "2027-02-02T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU;COUNT=3")));
		assertThat(starts(list("&from=2027-02-09T11:00:00%2B01:00"))).containsExactly("2027-02-09T10:00:00+01:00",
				"2027-02-16T10:00:00+01:00");
	}

	@Test
	void paging_seriesAndOneOffs_neverSkipsOrRepeats() {
		String tuesdays = published(series("2027-03-02T10:00:00+01:00", "2027-03-02T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU;COUNT=6")));
		String thursdays = published(series("2027-03-04T10:00:00+01:00", "2027-03-04T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=3")));
		String once = published(oneOff("2027-03-10T18:00:00+01:00"));
		List<String> seen = new ArrayList<>();
		JsonNode page = list("&from=2027-03-01&limit=2");
		seen.addAll(keys(page));
		while (!page.get("nextCursor").isNull()) {
			page = list("&from=2027-03-01&limit=2&cursor=" + page.get("nextCursor").asString());
			seen.addAll(keys(page));
		}
		assertThat(seen).containsExactly(tuesdays + "@2027-03-02T10:00:00+01:00",
				thursdays + "@2027-03-04T10:00:00+01:00", tuesdays + "@2027-03-09T10:00:00+01:00",
				once + "@2027-03-10T18:00:00+01:00", tuesdays + "@2027-03-16T10:00:00+01:00",
				thursdays + "@2027-03-18T10:00:00+01:00", tuesdays + "@2027-03-23T10:00:00+01:00",
				tuesdays + "@2027-03-30T10:00:00+02:00", thursdays + "@2027-04-01T10:00:00+02:00",
				tuesdays + "@2027-04-06T10:00:00+02:00");
	}

	@Test
	void cancelOccurrence_oneTuesday_showsItCancelledAndKeepsTheSeries() {
		String coffee = published(series("2027-03-02T10:00:00+01:00", "2027-03-02T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU;COUNT=3")));
		JsonNode cancelled = this.http.post().uri("/api/v1/events/{id}/occurrences/2027-03-09/cancel", coffee)
			.header(IDENTITY, this.partner.header()).bodyValue(Map.of("reason", "Vinterferie"))
			.exchange().expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(cancelled.get("status").asString()).isEqualTo("published");
		assertThat(cancelled.get("version").asLong()).isEqualTo(3);
		JsonNode page = list("&from=2027-03-01");
		assertThat(statuses(page)).containsExactly("published", "cancelled", "published");
		assertThat(page.get("items").get(1).get("cancellationReason").asString()).isEqualTo("Vinterferie");
		// again: nothing changes
		this.http.post().uri("/api/v1/events/{id}/occurrences/2027-03-09/cancel", coffee)
			.header(IDENTITY, this.partner.header()).bodyValue(Map.of("reason", "Vinterferie"))
			.exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.version").isEqualTo(3);
	}

	@Test
	void update_series_keepsTheOccurrencesCalledOffThatItStillHas() {
		Map<String, Object> body = series("2027-03-02T10:00:00+01:00", "2027-03-02T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU;COUNT=4"));
		String coffee = published(body);
		for (String date : List.of("2027-03-09", "2027-03-23")) {
			this.http.post().uri("/api/v1/events/{id}/occurrences/{date}/cancel", coffee, date)
				.header(IDENTITY, this.partner.header()).bodyValue(Map.of("reason", "Lukket"))
				.exchange().expectStatus().isOk();
		}
		// the series is shortened: 23 March is no longer one of its days
		body.put("schedule", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU;COUNT=2"));
		this.http.put().uri("/api/v1/events/{id}", coffee).header(IDENTITY, this.partner.header())
			.header("If-Match", "\"4\"").bodyValue(body).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.schedule.cancelled.length()").isEqualTo(1)
			.jsonPath("$.schedule.cancelled[0].date").isEqualTo("2027-03-09");
		assertThat(statuses(list("&from=2027-03-01"))).containsExactly("published", "cancelled");
	}

	@Test
	void cancelOccurrence_dayWithoutOccurrence_is404AndChangesNothing() {
		String coffee = published(series("2027-03-02T10:00:00+01:00", "2027-03-02T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "exdates", List.of("2027-03-16"))));
		for (String date : List.of("2027-03-10", "2027-03-16")) {
			this.http.post().uri("/api/v1/events/{id}/occurrences/{date}/cancel", coffee, date)
				.header(IDENTITY, this.partner.header()).bodyValue(Map.of("reason", "Lukket"))
				.exchange().expectStatus().isNotFound()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		this.http.get().uri("/api/v1/events/{id}", coffee).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.version").isEqualTo(2);
	}

	@Test
	void cancelOccurrence_oneOffEventOrBadInput_isRefusedAndChangesNothing() {
		String once = published(oneOff("2027-03-10T18:00:00+01:00"));
		this.http.post().uri("/api/v1/events/{id}/occurrences/2027-03-10/cancel", once)
			.header(IDENTITY, this.partner.header()).bodyValue(Map.of("reason", "Lukket"))
			.exchange().expectStatus().isEqualTo(409);
		String coffee = published(series("2027-03-02T10:00:00+01:00", "2027-03-02T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU")));
		this.http.post().uri("/api/v1/events/{id}/occurrences/9-3-2027/cancel", coffee)
			.header(IDENTITY, this.partner.header()).bodyValue(Map.of("reason", "Lukket"))
			.exchange().expectStatus().is4xxClientError()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("date");
		this.http.post().uri("/api/v1/events/{id}/occurrences/2027-03-09/cancel", coffee)
			.header(IDENTITY, this.partner.header()).bodyValue(Map.of("reason", " "))
			.exchange().expectStatus().is4xxClientError()
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
		Partner other = newPartner();
		this.http.post().uri("/api/v1/events/{id}/occurrences/2027-03-09/cancel", coffee)
			.header(IDENTITY, other.header()).bodyValue(Map.of("reason", "Lukket"))
			.exchange().expectStatus().isForbidden();
		this.http.get().uri("/api/v1/events/{id}", coffee).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.version").isEqualTo(2).jsonPath("$.schedule.cancelled.length()").isEqualTo(0);
	}

	@Test
	void create_invalidSchedule_is422NamingEachFieldAndStoresNothing() {
		Map<String, Object> daily = series("2027-03-02T10:00:00+01:00", "2027-03-02T12:00:00+01:00",
				Map.of("rrule", "FREQ=DAILY", "exdates", List.of("2. marts")));
		assertRefused(daily, "schedule.exdates[0]", "schedule.rrule");
		Map<String, Object> wrongDay = series("2027-03-03T10:00:00+01:00", "2027-03-03T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU"));
		assertRefused(wrongDay, "startsAt");
		Map<String, Object> tooLong = series("2027-03-02T10:00:00+01:00", "2027-03-04T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU"));
		assertRefused(tooLong, "endsAt");
		Map<String, Object> bothEnds = series("2027-03-02T10:00:00+01:00", "2027-03-02T12:00:00+01:00",
				Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU;COUNT=3", "until", "2027-06-01"));
		assertRefused(bothEnds, "schedule.rrule");
		Map<String, Object> meal = new java.util.LinkedHashMap<>(meal());
		meal.put("title", "Arrangement " + this.tag);
		meal.put("schedule", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TH"));
		assertRefused(meal, "schedule");
		this.http.get().uri("/api/v1/organisations/me/events").header(IDENTITY, this.partner.header()).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
	}

	private void assertRefused(Map<String, Object> body, String... fields) {
		JsonNode problem = this.http.post().uri("/api/v1/events").header(IDENTITY, this.partner.header())
			.bodyValue(body).exchange().expectStatus().isEqualTo(422)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		List<String> named = new ArrayList<>();
		problem.get("errors").forEach((error) -> named.add(error.get("field").asString()));
		assertThat(named).containsExactlyInAnyOrder(fields);
	}

	private Map<String, Object> series(String startsAt, String endsAt, Map<String, Object> schedule) {
		Map<String, Object> body = oneOff(startsAt);
		body.put("endsAt", endsAt);
		body.put("schedule", schedule);
		return body;
	}

	private Map<String, Object> oneOff(String startsAt) {
		Map<String, Object> body = new java.util.LinkedHashMap<>(meal());
		body.put("title", "Kaffe og en snak " + this.tag);
		body.put("programme", "local-partnership");
		body.put("startsAt", startsAt);
		body.put("endsAt", startsAt.replace("T18:00", "T20:00"));
		body.put("welcome", List.of("kom-alene"));
		return body;
	}

	private String published(Map<String, Object> body) {
		return publishedEvent(this.partner, body);
	}

	private JsonNode list(String filters) {
		return publicListing("q=" + this.tag + filters);
	}

	private static List<String> ids(JsonNode page) {
		return field(page, "id");
	}

	private static List<String> starts(JsonNode page) {
		return field(page, "startsAt");
	}

	private static List<String> statuses(JsonNode page) {
		return field(page, "status");
	}

	private static List<String> keys(JsonNode page) {
		List<String> keys = new ArrayList<>();
		page.get("items").forEach((item) -> keys.add(item.get("id").asString() + "@" + item.get("startsAt").asString()));
		return keys;
	}

	private static List<String> field(JsonNode page, String name) {
		List<String> values = new ArrayList<>();
		page.get("items").forEach((item) -> values.add(item.get(name).asString()));
		return values;
	}

}
