package dk.sammen.events.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.events.EventsIntegrationTest;
import dk.sammen.platform.test.FuzzAnswers;
import dk.sammen.platform.test.FuzzRuns;
import dk.sammen.platform.test.Mutant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of event bodies through HTTP (OWASP API8/API3): thousands of mutations of a
 * valid body (type confusion, missing and extra fields, Mongo operators in string positions, keys with
 * {@code $} or {@code .}, huge strings and arrays, deep nesting, unicode, HTML/JS, broken JSON, odd
 * content types). For every one: never a 5xx, every 4xx is {@code application/problem+json}, an answer
 * other than 2xx stores and changes nothing, and everything that was stored passes the rules again.
 * <p>
 * Seeded and reproducible: a failure names its seed and try. {@code -Dsammen.fuzz.tries=N} (default 600
 * per property) and {@code -Dsammen.fuzz.seed=S} run more or repeat a failure.
 */
class EventBodyFuzzTests extends EventsIntegrationTest {

	static final int TRIES = FuzzAnswers.tries(600);

	static final long SEED = FuzzAnswers.seed();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void create_mutatedBodies_neverServerErrorAndStoreOnlyValidEvents() {
		Partner partner = newPartner();
		FuzzRuns.Creates run = FuzzRuns.creates(SEED, TRIES, EventsIntegrationTest::meal,
				(mutant) -> send(this.http.post().uri("/api/v1/events"), partner, mutant), () -> storedFor(partner),
				() -> storedIds(partner));
		System.out.println("EventBodyFuzzTests create: seed " + SEED + ", " + TRIES + " tries, answers " + run.statuses());
		assertThat(run.failures()).as("seed %d (-Dsammen.fuzz.seed=%d)", SEED, SEED).isEmpty();
		// the generator reaches every kind of answer, not only the parser's 400
		assertThat(run.statuses()).as("answers of %d tries", TRIES).containsKeys(201, 400, 422);
		assertThat(ownListingCount(partner)).isEqualTo(run.created().size());
		for (String id : run.created()) {
			assertRevalidates(partner, id);
		}
	}

	@Test
	void put_mutatedBodies_neverServerErrorAndChangeOnlyIntoValidEvents() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		List<String> failures = FuzzRuns.changes(SEED, TRIES / 2, EventsIntegrationTest::meal,
				(mutant, version) -> send(
						this.http.put().uri("/api/v1/events/{id}", id).header("If-Match", "\"" + version + "\""),
						partner, mutant),
				() -> json(getOwn(partner, id)).get("version").asLong());
		assertThat(failures).as("seed %d (-Dsammen.fuzz.seed=%d)", SEED, SEED).isEmpty();
		assertRevalidates(partner, id);
	}

	private EntityExchangeResult<byte[]> send(WebTestClient.RequestBodySpec request, Partner partner, Mutant mutant) {
		WebTestClient.RequestBodySpec spec = request.header(IDENTITY, partner.header());
		if (mutant.contentType() != null) {
			spec = spec.header("Content-Type", mutant.contentType());
		}
		return spec.bodyValue(mutant.bytes()).exchange().expectBody().returnResult();
	}

	/** The stored event, sent back as a partner would send it, passes every rule again. */
	private void assertRevalidates(Partner partner, String id) {
		JsonNode event = json(getOwn(partner, id));
		Map<String, Object> body = new LinkedHashMap<>();
		for (String field : List.of("title", "description", "programme", "campaign", "startsAt", "endsAt", "arenas",
				"interventionTypes", "targetGroups", "languages", "priceDkk", "capacity", "registrationUrl",
				"accessibility", "welcome", "welcomeNote", "transportNote", "online")) {
			JsonNode value = event.get(field);
			if (value != null && !value.isNull()) {
				body.put(field, JSON.treeToValue(value, Object.class));
			}
		}
		JsonNode location = event.get("location");
		if (location != null && !location.isNull()) {
			@SuppressWarnings("unchecked")
			Map<String, Object> place = JSON.treeToValue(location, Map.class);
			place.remove("regionCode");
			place.values().removeIf(java.util.Objects::isNull);
			body.put("location", place);
		}
		JsonNode schedule = event.get("schedule");
		if (schedule != null && !schedule.isNull()) {
			body.put("schedule", Map.of("rrule", schedule.get("rrule").asString(), "exdates",
					JSON.treeToValue(schedule.get("exdates"), List.class)));
		}
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header())
			.header("If-Match", "\"" + event.get("version").asLong() + "\"").bodyValue(body).exchange()
			.expectStatus().isOk();
	}

	private EntityExchangeResult<byte[]> getOwn(Partner partner, String id) {
		return this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isOk().expectBody().returnResult();
	}

	private long storedFor(Partner partner) {
		return this.mongo
			.count(Query.query(Criteria.where("organisationId").is(partner.id()).and("status").ne("deleted")),
					PartnerEvent.class)
			.block();
	}

	private List<String> storedIds(Partner partner) {
		return this.mongo.find(Query.query(Criteria.where("organisationId").is(partner.id())), PartnerEvent.class)
			.map(PartnerEvent::id).collectList().block();
	}

	private int ownListingCount(Partner partner) {
		int count = 0;
		String cursor = null;
		do {
			String after = cursor;
			JsonNode page = json(this.http.get().uri((b) -> {
				b.path("/api/v1/organisations/me/events").queryParam("limit", 100);
				return (after != null) ? b.queryParam("cursor", "{c}").build(after) : b.build();
			}).header(IDENTITY, partner.header()).exchange()
				.expectStatus().isOk().expectBody().returnResult());
			count += page.get("items").size();
			JsonNode next = page.get("nextCursor");
			cursor = (next != null && !next.isNull()) ? next.asString() : null;
		}
		while (cursor != null);
		return count;
	}

	private static JsonNode json(EntityExchangeResult<byte[]> answer) {
		return JSON.readTree(orEmpty(answer.getResponseBody()));
	}

	private static byte[] orEmpty(byte[] bytes) {
		return (bytes != null) ? bytes : new byte[0];
	}

}
