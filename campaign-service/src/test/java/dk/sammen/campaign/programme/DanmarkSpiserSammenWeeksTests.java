package dk.sammen.campaign.programme;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.sammen.campaign.CampaignIntegrationTest;
import dk.sammen.campaign.EventsTopic;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;

import static dk.sammen.campaign.EventsTopic.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The coming Danmark Spiser Sammen weeks, across year boundaries, with the published meals. */
class DanmarkSpiserSammenWeeksTests extends CampaignIntegrationTest {

	private static final String WEEKS = "/api/v1/programmes/danmark-spiser-sammen/weeks";

	@Test
	void weeks_onLastDaysOfYear_listOnlyNextYearsWeeksWithMealsPerRegion() {
		try (EventsTopic topic = new EventsTopic()) {
			Instant week17 = Instant.parse("2027-04-29T15:30:00Z");
			topic.published(meal(week17, "0661", "1082", "published", 2));
			topic.published(meal(week17, "0751", "1082", "published", 2));
			topic.published(meal(week17, "0101", "1084", "published", 2));
			topic.published(meal(Instant.parse("2027-11-12T16:00:00Z"), "0851", "1081", "published", 2));
			topic.cancelled(meal(week17, "0851", "1081", "cancelled", 3));
			// Wednesday 30 December 2026, ISO week 53: both 2026 weeks are over
			this.clock.set(Instant.parse("2026-12-30T12:00:00Z"));
			JsonNode weeks = awaitMeals(4).get("weeks");

			assertThat(weeks.size()).isEqualTo(2);
			assertWeek(weeks.get(0), 2027, 17, "2027-04-26", "2027-05-02", 3);
			assertWeek(weeks.get(1), 2027, 45, "2027-11-08", "2027-11-14", 1);
			assertThat(weeks.get(0).get("byRegion").toString()).isEqualTo("[{\"code\":\"1081\",\"name\":\"Region Nordjylland\",\"meals\":0},"
					+ "{\"code\":\"1082\",\"name\":\"Region Midtjylland\",\"meals\":2},{\"code\":\"1083\",\"name\":\"Region Syddanmark\",\"meals\":0},"
					+ "{\"code\":\"1084\",\"name\":\"Region Hovedstaden\",\"meals\":1},{\"code\":\"1085\",\"name\":\"Region Sjælland\",\"meals\":0}]");
		}
	}

	@Test
	void weeks_afterMidnightInDenmarkButNotInUtc_listThisAndNextYear() {
		// 23:30 UTC on 31 December 2026 is already 1 January 2027 in Denmark
		this.clock.set(Instant.parse("2026-12-31T23:30:00Z"));
		JsonNode answer = getJson(WEEKS);
		assertThat(answer.get("today").asString()).isEqualTo("2027-01-01");
		JsonNode weeks = answer.get("weeks");
		assertThat(weeks.size()).isEqualTo(4);
		assertWeek(weeks.get(2), 2028, 17, "2028-04-24", "2028-04-30", 0);
		assertWeek(weeks.get(3), 2028, 45, "2028-11-06", "2028-11-12", 0);
	}

	@Test
	void weeks_duringWeek17_listItUntilItsSunday() {
		this.clock.set(Instant.parse("2027-05-02T21:00:00Z"));
		JsonNode weeks = getJson(WEEKS).get("weeks");
		assertThat(weeks.get(0).get("week").asInt()).isEqualTo(17);
		assertThat(weeks.get(0).get("year").asInt()).isEqualTo(2027);
		this.clock.set(Instant.parse("2027-05-02T22:00:00Z"));
		assertThat(getJson(WEEKS).get("weeks").get(0).get("week").asInt()).isEqualTo(45);
	}

	@Test
	void coming_matchesPlatformWeekRule() {
		assertThat(ProgrammeController.coming(LocalDate.of(2027, 6, 1)))
			.containsExactly(new DanmarkSpiserSammenWeek(2027, 45), new DanmarkSpiserSammenWeek(2028, 17),
					new DanmarkSpiserSammenWeek(2028, 45));
	}

	private JsonNode awaitMeals(int meals) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = getJson(WEEKS);
			int total = 0;
			for (JsonNode week : last[0].get("weeks")) {
				total += week.get("meals").asInt();
			}
			return total >= meals;
		});
		return last[0];
	}

	private static void assertWeek(JsonNode week, int year, int number, String monday, String sunday, int meals) {
		assertThat(week.get("year").asInt()).isEqualTo(year);
		assertThat(week.get("week").asInt()).isEqualTo(number);
		assertThat(week.get("monday").asString()).isEqualTo(monday);
		assertThat(week.get("sunday").asString()).isEqualTo(sunday);
		assertThat(week.get("meals").asInt()).isEqualTo(meals);
	}

	private static dk.sammen.contracts.event.EventSnapshotV1 meal(Instant startsAt, String kommune, String region,
			String status, long version) {
		return event("meal-" + UUID.randomUUID(), "org-1", status, version, "danmark-spiser-sammen", null, startsAt,
				kommune, region);
	}

}
