package dk.sammen.campaign.activity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.campaign.CampaignIntegrationTest;
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
 * Property-based fuzzing of campaign activity bodies through HTTP (OWASP API8/API3), with the same
 * mutations as events-service's event bodies: never a 5xx, every 4xx is problem+json with type, title
 * and status, an answer other than 2xx stores and changes nothing, and every stored activity passes
 * the rules again. Seeded: {@code -Dsammen.fuzz.seed=S} repeats a run, {@code -Dsammen.fuzz.tries=N}
 * runs more (default 600 for {@code POST}, half for {@code PUT}).
 */
class ActivityBodyFuzzTests extends CampaignIntegrationTest {

	static final int TRIES = FuzzAnswers.tries(600);

	static final long SEED = FuzzAnswers.seed();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void create_mutatedBodies_neverServerErrorAndStoreOnlyValidActivities() {
		String slug = newCampaign();
		FuzzRuns.Creates run = FuzzRuns.creates(SEED, TRIES, ActivityBodyFuzzTests::talk,
				(mutant) -> send(this.http.post().uri("/api/v1/campaigns/{slug}/activities", slug), mutant),
				() -> storedIn(slug), () -> storedIds(slug));
		System.out.println("ActivityBodyFuzzTests create: seed " + SEED + ", " + TRIES + " tries, answers " + run.statuses());
		assertThat(run.failures()).as("seed %d (-Dsammen.fuzz.seed=%d)", SEED, SEED).isEmpty();
		// the generator reaches every kind of answer, not only the parser's 400
		assertThat(run.statuses()).as("answers of %d tries", TRIES).containsKeys(201, 400, 422);
		for (String id : run.created()) {
			assertRevalidates(slug, id);
		}
	}

	@Test
	void put_mutatedBodies_neverServerErrorAndChangeOnlyIntoValidActivities() {
		String slug = newCampaign();
		String id = this.http.post().uri("/api/v1/campaigns/{slug}/activities", slug).header(IDENTITY, admin())
			.bodyValue(talk()).exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
			.getResponseBody().get("id").asString();
		List<String> failures = FuzzRuns.changes(SEED, TRIES / 2, ActivityBodyFuzzTests::talk,
				(mutant, version) -> send(this.http.put()
					.uri("/api/v1/campaigns/{slug}/activities/{id}", slug, id)
					.header("If-Match", "\"" + version + "\""), mutant),
				() -> json(get(slug, id)).get("version").asLong());
		System.out.println("ActivityBodyFuzzTests put: seed " + SEED + ", " + TRIES / 2 + " tries");
		assertThat(failures).as("seed %d (-Dsammen.fuzz.seed=%d)", SEED, SEED).isEmpty();
		assertRevalidates(slug, id);
	}

	private EntityExchangeResult<byte[]> send(WebTestClient.RequestBodySpec request, Mutant mutant) {
		WebTestClient.RequestBodySpec spec = request.header(IDENTITY, admin());
		if (mutant.contentType() != null) {
			spec = spec.header("Content-Type", mutant.contentType());
		}
		return spec.bodyValue(mutant.bytes()).exchange().expectBody().returnResult();
	}

	/** The stored activity, sent back as an editor would send it, passes every rule again. */
	private void assertRevalidates(String slug, String id) {
		JsonNode activity = json(get(slug, id));
		Map<String, Object> body = new HashMap<>();
		for (String field : List.of("kind", "title", "description", "startsAt", "endsAt", "kommuneCode", "url")) {
			JsonNode value = activity.get(field);
			if (value != null && !value.isNull()) {
				body.put(field, JSON.treeToValue(value, Object.class));
			}
		}
		this.http.put().uri("/api/v1/campaigns/{slug}/activities/{id}", slug, id).header(IDENTITY, admin())
			.header("If-Match", "\"" + activity.get("version").asLong() + "\"").bodyValue(body).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.title").isEqualTo(activity.get("title").asString());
	}

	private EntityExchangeResult<byte[]> get(String slug, String id) {
		return this.http.get().uri("/api/v1/campaigns/{slug}/activities/{id}", slug, id).header(IDENTITY, admin())
			.exchange().expectStatus().isOk().expectBody().returnResult();
	}

	private long storedIn(String slug) {
		return this.mongo.count(Query.query(Criteria.where("campaign").is(slug)), CampaignActivity.class).block();
	}

	private List<String> storedIds(String slug) {
		return this.mongo.find(Query.query(Criteria.where("campaign").is(slug)), CampaignActivity.class)
			.map(CampaignActivity::id).collectList().block();
	}

	private static JsonNode json(EntityExchangeResult<byte[]> answer) {
		byte[] bytes = answer.getResponseBody();
		return JSON.readTree((bytes != null) ? bytes : new byte[0]);
	}

	/** A valid activity, the one {@link ActivityLifecycleTests} sends. */
	private static Map<String, Object> talk() {
		return ActivityLifecycleTests.talk();
	}

}
