package dk.sammen.events.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The listing the public feed reads: every filter, the order, and paging that never skips or repeats. */
class PublicListingTests extends EventsIntegrationTest {

	private String tag;

	private Partner partner;

	@BeforeEach
	void uniqueTag() {
		// every event of a test carries this word, so the shared database's other events never match
		this.tag = "t" + UUID.randomUUID().toString().replace("-", "");
		this.partner = newPartner();
	}

	@Test
	void list_onlyPublishedAndCancelled_inStartOrder() {
		String late = published(event("2027-11-12T18:00:00+01:00", "0101", Map.of()));
		String early = published(event("2027-04-27T18:00:00+02:00", "0661", Map.of()));
		createEvent(this.partner, event("2027-04-28T18:00:00+02:00", "0661", Map.of()));
		String cancelled = published(event("2027-11-09T18:00:00+01:00", "0751", Map.of()));
		this.http.post().uri("/api/v1/events/{id}/cancel", cancelled).header(IDENTITY, this.partner.header())
			.bodyValue(Map.of("reason", "Aflyst")).exchange().expectStatus().isOk();
		JsonNode page = list("");
		assertThat(ids(page)).containsExactly(early, cancelled, late);
		assertThat(page.get("items").get(1).get("status").asString()).isEqualTo("cancelled");
		assertThat(page.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void list_byKommuneAndRegion_matchesLocation() {
		String holstebro = published(event("2027-04-27T18:00:00+02:00", "0661", Map.of()));
		String copenhagen = published(event("2027-04-28T18:00:00+02:00", "0101", Map.of()));
		assertThat(ids(list("&kommune=0661"))).containsExactly(holstebro);
		assertThat(ids(list("&kommune=0661&kommune=0101"))).containsExactly(holstebro, copenhagen);
		assertThat(ids(list("&region=1084"))).containsExactly(copenhagen);
	}

	@Test
	void list_byClassifications_combinesWithAnd() {
		String meal = published(event("2027-04-27T18:00:00+02:00", "0661", Map.of()));
		String talk = published(event("2027-06-02T18:00:00+02:00", "0661",
				Map.of("programme", "local-partnership", "arenas", List.of("sundhed-og-pleje"), "interventionTypes",
						List.of("psykoedukation"), "targetGroups", List.of("paaroerende"), "campaign", "anden-kampagne")));
		assertThat(ids(list("&programme=local-partnership"))).containsExactly(talk);
		assertThat(ids(list("&arena=fritid-og-faellesskaber"))).containsExactly(meal);
		assertThat(ids(list("&interventionType=psykoedukation"))).containsExactly(talk);
		assertThat(ids(list("&campaign=vaer-en-som-raekker-ud"))).containsExactly(meal);
		assertThat(ids(list("&programme=danmark-spiser-sammen&arena=sundhed-og-pleje"))).isEmpty();
	}

	@Test
	void list_byTargetGroup_includesEventsForEveryone() {
		String forAll = published(event("2027-04-27T18:00:00+02:00", "0661", Map.of("targetGroups", List.of("alle"))));
		String forYoung = published(event("2027-04-28T18:00:00+02:00", "0661", Map.of("targetGroups", List.of("unge"))));
		published(event("2027-04-29T18:00:00+02:00", "0661", Map.of("targetGroups", List.of("aeldre"))));
		assertThat(ids(list("&targetGroup=unge"))).containsExactly(forAll, forYoung);
	}

	@Test
	void list_byWelcome_keepsEventsWithAnyOfTheFlagsAndShowsTheNotes() {
		String comeAlone = published(event("2027-04-27T18:00:00+02:00", "0661",
				Map.of("welcome", List.of("kom-alene", "bordvaert"), "welcomeNote", "Spørg efter Karen ved døren.",
						"transportNote", "Bus 3 holder ved døren.")));
		String companion = published(event("2027-04-28T18:00:00+02:00", "0661", Map.of("welcome", List.of("foelgeskab"))));
		published(event("2027-04-29T18:00:00+02:00", "0661", Map.of()));
		assertThat(ids(list("&welcome=kom-alene"))).containsExactly(comeAlone);
		assertThat(ids(list("&welcome=kom-alene&welcome=foelgeskab"))).containsExactly(comeAlone, companion);
		JsonNode item = list("&welcome=bordvaert").get("items").get(0);
		assertThat(item.get("welcome").toString()).isEqualTo("[\"kom-alene\",\"bordvaert\"]");
		assertThat(item.get("welcomeNote").asString()).isEqualTo("Spørg efter Karen ved døren.");
		assertThat(item.get("transportNote").asString()).isEqualTo("Bus 3 holder ved døren.");
	}

	@Test
	void list_freeAndOnline_filterPriceAndAttendance() {
		String free = published(event("2027-04-27T18:00:00+02:00", "0661", Map.of("priceDkk", 0)));
		String paid = published(event("2027-04-28T18:00:00+02:00", "0661", Map.of("priceDkk", 50)));
		Map<String, Object> onlineOnly = event("2027-06-03T18:00:00+02:00", "0661", Map.of("programme", "other"));
		onlineOnly.remove("location");
		onlineOnly.put("online", Map.of("url", "https://meet.example.dk/snak"));
		String online = published(onlineOnly);
		assertThat(ids(list("&free=true"))).containsExactly(free, online);
		assertThat(ids(list("&free=false"))).containsExactly(paid);
		assertThat(ids(list("&online=true"))).containsExactly(online);
		assertThat(ids(list("&online=false"))).containsExactly(free, paid);
	}

	@Test
	void list_nearWithRadius_usesGreatCircleDistance() {
		Map<String, Object> holstebro = event("2027-04-27T18:00:00+02:00", "0661", Map.of());
		String inHolstebro = published(holstebro);
		Map<String, Object> struer = event("2027-04-28T18:00:00+02:00", "0671", Map.of());
		struer.put("location", Map.of("venue", "Kulturhuset", "street", "Østergade 1", "postalCode", "7600", "city",
				"Struer", "kommuneCode", "0671", "lat", 56.49, "lon", 8.59));
		String inStruer = published(struer);
		assertThat(ids(list("&near=56.36,8.62&radiusKm=5"))).containsExactly(inHolstebro);
		assertThat(ids(list("&near=56.36,8.62&radiusKm=20"))).containsExactly(inHolstebro, inStruer);
	}

	@Test
	void list_fromAndTo_selectTheWindowInDanishDates() {
		String week17 = published(event("2027-04-27T18:00:00+02:00", "0661", Map.of()));
		String week45 = published(event("2027-11-09T18:00:00+01:00", "0661", Map.of()));
		assertThat(ids(list("&from=2027-04-26&to=2027-05-02"))).containsExactly(week17);
		assertThat(ids(list("&from=2027-11-08T00:00:00%2B01:00"))).containsExactly(week45);
	}

	@Test
	void list_wordsInQ_matchFoldedDanishSpelling() {
		Map<String, Object> body = event("2027-04-27T18:00:00+02:00", "0661", Map.of());
		body.put("title", "Gåtur og kaffe " + this.tag);
		String walk = published(body);
		published(event("2027-04-28T18:00:00+02:00", "0661", Map.of()));
		// list() puts the test's tag in q; these words are added to it
		assertThat(ids(list("%20gaatur"))).containsExactly(walk);
		assertThat(ids(list("%20G%C3%A5tur%20kaffe"))).containsExactly(walk);
		assertThat(ids(list("%20kaffe%20te"))).isEmpty();
	}

	@Test
	void paging_withCursor_neverSkipsOrRepeatsEvenWhenEventsAreAdded() {
		List<String> expected = new ArrayList<>();
		for (int day = 26; day <= 30; day++) {
			expected.add(published(event("2027-04-" + day + "T18:00:00+02:00", "0661", Map.of())));
		}
		List<String> seen = new ArrayList<>();
		JsonNode page = list("&limit=2");
		seen.addAll(ids(page));
		// an event earlier than the cursor and one later are published between pages
		published(event("2027-04-26T08:00:00+02:00", "0661", Map.of()));
		String later = published(event("2027-05-01T18:00:00+02:00", "0661", Map.of()));
		expected.add(later);
		while (!page.get("nextCursor").isNull()) {
			page = list("&limit=2&cursor=" + page.get("nextCursor").asString());
			seen.addAll(ids(page));
		}
		assertThat(seen).containsExactlyElementsOf(expected);
	}

	@Test
	void paging_sameStartTime_isOrderedById() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ids.add(published(event("2027-04-27T18:00:00+02:00", "0661", Map.of())));
		}
		List<String> seen = new ArrayList<>();
		JsonNode page = list("&limit=1");
		seen.addAll(ids(page));
		while (!page.get("nextCursor").isNull()) {
			page = list("&limit=1&cursor=" + page.get("nextCursor").asString());
			seen.addAll(ids(page));
		}
		assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit=0", "limit=101", "limit=abc", "region=9999", "kommune=661", "near=abc",
			"radiusKm=-1", "cursor=garbage", "from=29-04-2027", "programme=fest", "free=yes", "targetGroup=katte",
			"welcome=velkomst" })
	void list_invalidParameter_is400ProblemNamingIt(String parameter) {
		this.http.get().uri("/api/v1/events?" + parameter).exchange().expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo(parameter.substring(0, parameter.indexOf('=')));
	}

	private Map<String, Object> event(String startsAt, String kommune, Map<String, Object> overrides) {
		Map<String, Object> body = meal();
		body.put("title", "Arrangement " + this.tag);
		body.put("startsAt", startsAt);
		body.put("endsAt", startsAt.replace("T18:00", "T20:00").replace("T08:00", "T09:00"));
		body.put("location", Map.of("venue", "Huset", "street", "Gaden 1", "postalCode", "7500", "city", "By",
				"kommuneCode", kommune, "lat", 56.36, "lon", 8.62));
		body.putAll(overrides);
		return body;
	}

	private String published(Map<String, Object> body) {
		return publishedEvent(this.partner, body);
	}

	private JsonNode list(String filters) {
		return publicListing("q=" + this.tag + filters);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("items").forEach((item) -> ids.add(item.get("id").asString()));
		return ids;
	}

}
