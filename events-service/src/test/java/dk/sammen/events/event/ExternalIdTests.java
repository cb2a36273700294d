package dk.sammen.events.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import dk.sammen.contracts.Topics;
import dk.sammen.events.EventsIntegrationTest;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static dk.sammen.localstack.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner's own id: {@code PUT /api/v1/events/by-external-id/{externalId}} creates or changes,
 * {@code POST} with a taken one is a 409, it never changes, and it is unique per organisation even
 * when many requests race for it.
 */
class ExternalIdTests extends EventsIntegrationTest {

	private static final String PROBLEM_JSON = "application/problem+json";

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void upsert_newExternalId_creates201DraftWithETagAndLocation() {
		Partner partner = newPartner();
		JsonNode created = upsert(partner, "ringsted-2027-17", meal(), "").expectStatus().isCreated()
			.expectHeader().valueEquals("ETag", "\"1\"")
			.expectHeader().valueMatches("Location", "/api/v1/events/[0-9a-f-]{36}")
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(created.get("externalId").asString()).isEqualTo("ringsted-2027-17");
		assertThat(created.get("status").asString()).isEqualTo("draft");
		assertThat(created.get("organisationId").asString()).isEqualTo(partner.id());
		this.http.get().uri("/api/v1/events/{id}", created.get("id").asString()).header(IDENTITY, partner.header())
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.externalId").isEqualTo("ringsted-2027-17");
		this.http.get().uri("/api/v1/events/by-external-id/{externalId}", "ringsted-2027-17")
			.header(IDENTITY, partner.header()).exchange().expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"1\"")
			.expectBody().jsonPath("$.id").isEqualTo(created.get("id").asString());
		assertThat(count(partner)).isEqualTo(1);
	}

	@Test
	void upsert_existingExternalId_updates200AndAnUnchangedRepeatStoresNothing() {
		Partner partner = newPartner();
		String id = upsert(partner, "uge17", meal(), "").expectStatus().isCreated().expectBody(JsonNode.class)
			.returnResult().getResponseBody().get("id").asString();
		Map<String, Object> changed = meal();
		changed.put("title", "Fællesspisning med musik");
		upsert(partner, "uge17", changed, "").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
			.expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.title").isEqualTo("Fællesspisning med musik")
			.jsonPath("$.version").isEqualTo(2);
		String updatedAt = stored(id).getDate("updatedAt").toInstant().toString();
		upsert(partner, "uge17", changed, "").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
		assertThat(stored(id).getDate("updatedAt").toInstant().toString()).isEqualTo(updatedAt);
		assertThat(count(partner)).isEqualTo(1);
	}

	@Test
	void upsert_withPublish_publishesOnceAndEmitsOnlyRealChanges() {
		Partner partner = newPartner();
		String id = upsert(partner, "offentlig", meal(), "?publish=true").expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		this.http.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("published").jsonPath("$.externalId").isEqualTo("offentlig");
		Map<String, Object> changed = meal();
		changed.put("capacity", 60);
		upsert(partner, "offentlig", changed, "?publish=true").expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("published").jsonPath("$.capacity").isEqualTo(60);
		upsert(partner, "offentlig", changed, "?publish=true").expectStatus().isOk();
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", "Aflyst")).exchange().expectStatus().isOk();
		// the unchanged repeat emitted nothing: otherwise an updated.v1 would come before the cancellation
		List<ConsumerRecord<String, byte[]>> records = new TopicReader(KafkaBroker.shared().bootstrapServers())
			.await(Topics.EVENTS, (r) -> id.equals(r.key()), 3);
		assertThat(records).extracting((r) -> header(r, "ce_type")).containsExactly("dk.sammen.event.published.v1",
				"dk.sammen.event.updated.v1", "dk.sammen.event.cancelled.v1");
	}

	@Test
	void upsert_draftWithPublishAndChange_publishesTheChangeInOneVersion() {
		Partner partner = newPartner();
		upsert(partner, "kladde", meal(), "").expectStatus().isCreated();
		Map<String, Object> changed = meal();
		changed.put("title", "Nu med dessert");
		upsert(partner, "kladde", changed, "?publish=true").expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"2\"")
			.expectBody().jsonPath("$.status").isEqualTo("published").jsonPath("$.title").isEqualTo("Nu med dessert")
			.jsonPath("$.publishedAt").exists();
	}

	@Test
	void post_withTakenExternalId_is409ProblemAndChangesNothing() {
		Partner partner = newPartner();
		Map<String, Object> first = meal();
		first.put("externalId", "aften-1");
		String id = createEvent(partner, first).get("id").asString();
		Map<String, Object> second = meal();
		second.put("externalId", "aften-1");
		second.put("title", "En anden titel");
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(second).exchange()
			.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectHeader().contentType(PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/conflict")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("aften-1"));
		assertThat(count(partner)).isEqualTo(1);
		assertThat(version(id)).isEqualTo(1);
		assertThat(stored(id).get("details", Document.class).getString("title")).isEqualTo(meal().get("title"));
	}

	@Test
	void post_withExternalIdRetriedWithItsIdempotencyKey_replaysTheEvent() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("externalId", "retry-me");
		String first = post(partner, body, "key-1").expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "false")
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		post(partner, body, "key-1").expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
			.expectBody().jsonPath("$.id").isEqualTo(first);
		// another key for the same external id is another request, not a repeat
		post(partner, body, "key-2").expectStatus().isEqualTo(HttpStatus.CONFLICT);
		assertThat(count(partner)).isEqualTo(1);
	}

	@Test
	void post_withExternalId_isThenChangedByUpsert() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("externalId", "fra-post");
		String id = createEvent(partner, body).get("id").asString();
		Map<String, Object> changed = meal();
		changed.put("title", "Ændret af partnerens system");
		upsert(partner, "fra-post", changed, "").expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);
		assertThat(count(partner)).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "med mellemrum", "tab\there", "bell\u0007", "nul\u0000", "zero\u200Bwidth" })
	void upsert_externalIdNotVisible_is422AndStoresNothing(String externalId) {
		Partner partner = newPartner();
		upsert(partner, externalId, meal(), "").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectHeader().contentType(PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/validation")
			.jsonPath("$.errors[0].field").isEqualTo("externalId");
		assertThat(count(partner)).isZero();
	}

	@Test
	void upsert_externalIdOf201Characters_is422ButOf200IsStored() {
		Partner partner = newPartner();
		upsert(partner, "x".repeat(201), meal(), "").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("externalId");
		assertThat(count(partner)).isZero();
		upsert(partner, "ø".repeat(200), meal(), "").expectStatus().isCreated();
	}

	@Test
	void upsert_externalIdWithSlashesAndDanishLetters_roundTrips() {
		Partner partner = newPartner();
		String externalId = "kalender/2027/møde-17?x=1#a";
		String id = upsert(partner, externalId, meal(), "").expectStatus().isCreated().expectBody(JsonNode.class)
			.returnResult().getResponseBody().get("id").asString();
		this.http.get().uri("/api/v1/events/by-external-id/{externalId}", externalId).header(IDENTITY, partner.header())
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id)
			.jsonPath("$.externalId").isEqualTo(externalId);
	}

	@Test
	void post_invalidExternalIdInBody_is422NamingItAndStoresNothing() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("externalId", "");
		body.put("title", "");
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
			.expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody().jsonPath("$.errors[?(@.field == 'externalId')]").exists()
			.jsonPath("$.errors[?(@.field == 'title')]").exists();
		assertThat(count(partner)).isZero();
	}

	@Test
	void upsert_bodyNamesAnotherExternalId_is422AndStoresNothing() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("externalId", "b");
		upsert(partner, "a", body, "").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("externalId");
		body.put("externalId", "a");
		upsert(partner, "a", body, "").expectStatus().isCreated();
		assertThat(count(partner)).isEqualTo(1);
	}

	@Test
	void upsert_invalidBody_is4xxProblemAndChangesNothing() {
		Partner partner = newPartner();
		String id = upsert(partner, "stabil", meal(), "").expectStatus().isCreated().expectBody(JsonNode.class)
			.returnResult().getResponseBody().get("id").asString();
		Map<String, Object> wrongWeek = meal();
		wrongWeek.put("startsAt", "2027-06-01T17:00:00+02:00");
		wrongWeek.put("endsAt", "2027-06-01T19:00:00+02:00");
		upsert(partner, "stabil", wrongWeek, "").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectHeader().contentType(PROBLEM_JSON).expectBody().jsonPath("$.errors[0].field").isEqualTo("startsAt");
		Map<String, Object> serverOwned = meal();
		serverOwned.put("status", "published");
		upsert(partner, "stabil", serverOwned, "").expectStatus().isBadRequest().expectHeader()
			.contentType(PROBLEM_JSON);
		this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "stabil").header(IDENTITY, partner.header())
			.header("Content-Type", "application/json").bodyValue("{\"title\":").exchange().expectStatus()
			.isBadRequest().expectHeader().contentType(PROBLEM_JSON);
		upsert(partner, "ny", wrongWeek, "").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(count(partner)).isEqualTo(1);
		assertThat(version(id)).isEqualTo(1);
		assertThat(stored(id).getString("status")).isEqualTo("draft");
	}

	@Test
	void upsert_withStaleIfMatch_is412AndChangesNothing() {
		Partner partner = newPartner();
		String id = upsert(partner, "etag", meal(), "").expectStatus().isCreated().expectBody(JsonNode.class)
			.returnResult().getResponseBody().get("id").asString();
		Map<String, Object> changed = meal();
		changed.put("title", "Ændret");
		this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "etag").header(IDENTITY, partner.header())
			.header("If-Match", "\"7\"").bodyValue(changed).exchange().expectStatus()
			.isEqualTo(HttpStatus.PRECONDITION_FAILED).expectHeader().contentType(PROBLEM_JSON);
		assertThat(version(id)).isEqualTo(1);
		this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "etag").header(IDENTITY, partner.header())
			.header("If-Match", "\"1\"").bodyValue(changed).exchange().expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"2\"");
	}

	@Test
	void upsert_ifMatchForAMissingEvent_is412AndCreatesNothing() {
		Partner partner = newPartner();
		this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "findes-ikke")
			.header(IDENTITY, partner.header()).header("If-Match", "\"1\"").bodyValue(meal()).exchange()
			.expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
		assertThat(count(partner)).isZero();
	}

	@Test
	void upsert_cancelledEvent_isUnchangedWhenSentAsItIsButNotChangeable() {
		Partner partner = newPartner();
		String id = upsert(partner, "aflyst", meal(), "?publish=true").expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", "Aflyst")).exchange().expectStatus().isOk();
		upsert(partner, "aflyst", meal(), "?publish=true").expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("cancelled").jsonPath("$.version").isEqualTo(3);
		Map<String, Object> changed = meal();
		changed.put("title", "Alligevel?");
		upsert(partner, "aflyst", changed, "").expectStatus().isEqualTo(HttpStatus.CONFLICT);
		assertThat(version(id)).isEqualTo(3);
	}

	@Test
	void put_changingOrAddingExternalId_is409AndChangesNothing() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("externalId", "fast");
		String withId = createEvent(partner, body).get("id").asString();
		String withoutId = createEvent(partner, meal()).get("id").asString();
		Map<String, Object> renamed = meal();
		renamed.put("externalId", "omdoebt");
		this.http.put().uri("/api/v1/events/{id}", withId).header(IDENTITY, partner.header()).header("If-Match", "\"1\"")
			.bodyValue(renamed).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
		this.http.put().uri("/api/v1/events/{id}", withoutId).header(IDENTITY, partner.header())
			.header("If-Match", "\"1\"").bodyValue(renamed).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
		assertThat(version(withId)).isEqualTo(1);
		assertThat(version(withoutId)).isEqualTo(1);
		// the same external id again, or none, leaves it as it is
		Map<String, Object> same = meal();
		same.put("externalId", "fast");
		same.put("title", "Ny titel");
		this.http.put().uri("/api/v1/events/{id}", withId).header(IDENTITY, partner.header()).header("If-Match", "\"1\"")
			.bodyValue(same).exchange().expectStatus().isOk().expectBody().jsonPath("$.externalId").isEqualTo("fast");
		this.http.put().uri("/api/v1/events/{id}", withId).header(IDENTITY, partner.header()).header("If-Match", "\"2\"")
			.bodyValue(meal()).exchange().expectStatus().isOk().expectBody().jsonPath("$.externalId").isEqualTo("fast");
	}

	@Test
	void upsert_concurrentlyWithOneExternalId_createsExactlyOneEvent() {
		Partner partner = newPartner();
		WebClient client = WebClient.create(baseUrl());
		List<Integer> statuses = Flux.range(0, 8)
			.flatMap((i) -> client.put().uri("/api/v1/events/by-external-id/{externalId}", "kapløb")
				.header(IDENTITY, partner.header()).bodyValue(meal()).exchangeToMono((response) -> response
					.releaseBody().thenReturn(response.statusCode().value())), 8)
			.collectList().block(Duration.ofSeconds(60));
		assertThat(statuses).hasSize(8).containsOnly(201, 200).containsOnlyOnce(201);
		assertThat(count(partner)).isEqualTo(1);
	}

	@Test
	void upsert_concurrentlyWithDifferentBodies_keepsOneEventWithOneOfThem() {
		Partner partner = newPartner();
		WebClient client = WebClient.create(baseUrl());
		List<String> titles = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			titles.add("Udgave " + i);
		}
		List<Integer> statuses = Flux.fromIterable(titles).flatMap((title) -> {
			Map<String, Object> body = meal();
			body.put("title", title);
			return client.put().uri("/api/v1/events/by-external-id/{externalId}", "mange-skrivere")
				.header(IDENTITY, partner.header()).bodyValue(body)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
		}, 8).collectList().block(Duration.ofSeconds(60));
		assertThat(statuses).hasSize(8).containsOnly(201, 200).containsOnlyOnce(201);
		assertThat(count(partner)).isEqualTo(1);
		Document event = this.mongo.findOne(Query.query(Criteria.where("organisationId").is(partner.id())),
				Document.class, "events").block();
		assertThat(titles).contains(event.get("details", Document.class).getString("title"));
		assertThat(event.get("version", Number.class).longValue()).isBetween(1L, 8L);
	}

	@Test
	void otherOrganisation_sameExternalId_isItsOwnEventAndNeverReachesTheOwners() {
		Partner owner = newPartner();
		Partner other = newPartner();
		String ownersId = upsert(owner, "delt-id", meal(), "").expectStatus().isCreated().expectBody(JsonNode.class)
			.returnResult().getResponseBody().get("id").asString();
		this.http.get().uri("/api/v1/events/by-external-id/{externalId}", "delt-id").header(IDENTITY, other.header())
			.exchange().expectStatus().isNotFound().expectHeader().contentType(PROBLEM_JSON);
		Map<String, Object> hijack = meal();
		hijack.put("title", "Overtaget");
		String othersId = upsert(other, "delt-id", hijack, "?publish=true").expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		assertThat(othersId).isNotEqualTo(ownersId);
		// the owner's draft is untouched and still hidden from the other organisation
		assertThat(version(ownersId)).isEqualTo(1);
		assertThat(stored(ownersId).getString("status")).isEqualTo("draft");
		assertThat(stored(ownersId).get("details", Document.class).getString("title")).isEqualTo(meal().get("title"));
		Map<String, Object> named = meal();
		named.put("externalId", "delt-id");
		this.http.put().uri("/api/v1/events/{id}", ownersId).header(IDENTITY, other.header()).header("If-Match", "\"1\"")
			.bodyValue(named).exchange().expectStatus().isNotFound();
		this.http.get().uri("/api/v1/events/{id}", ownersId).header(IDENTITY, other.header()).exchange()
			.expectStatus().isNotFound();
		this.http.get().uri("/api/v1/events/by-external-id/{externalId}", "delt-id").header(IDENTITY, owner.header())
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(ownersId);
	}

	@Test
	void upsert_withTheAdminKey_is403AndStoresNothing() {
		this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "admin").header(IDENTITY, admin())
			.bodyValue(meal()).exchange().expectStatus().isForbidden().expectHeader().contentType(PROBLEM_JSON);
		this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "anonym").bodyValue(meal()).exchange()
			.expectStatus().isUnauthorized();
		assertThat(this.mongo.count(Query.query(Criteria.where("externalId").in("admin", "anonym")), "events").block())
			.isZero();
	}

	@Test
	void batch_itemWithTakenExternalId_failsOnlyItselfWith409() {
		Partner partner = newPartner();
		Map<String, Object> taken = meal();
		taken.put("externalId", "batch-1");
		createEvent(partner, taken);
		Map<String, Object> fresh = meal();
		fresh.put("externalId", "batch-2");
		JsonNode result = this.http.post().uri("/api/v1/events/batch").header(IDENTITY, partner.header())
			.bodyValue(Map.of("events", List.of(fresh, taken))).exchange().expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(result.get("results").get(0).get("status").asInt()).isEqualTo(201);
		assertThat(result.get("results").get(0).get("event").get("externalId").asString()).isEqualTo("batch-2");
		assertThat(result.get("results").get(1).get("status").asInt()).isEqualTo(409);
		assertThat(count(partner)).isEqualTo(2);
	}

	@Test
	void upsert_afterTheDraftWasDeleted_createsItAnewWithAHigherVersion() {
		Partner partner = newPartner();
		String id = upsert(partner, "genopstaar", meal(), "").expectStatus().isCreated().expectBody(JsonNode.class)
			.returnResult().getResponseBody().get("id").asString();
		this.http.delete().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isNoContent();
		this.http.get().uri("/api/v1/events/by-external-id/{externalId}", "genopstaar").header(IDENTITY, partner.header())
			.exchange().expectStatus().isNotFound();
		upsert(partner, "genopstaar", meal(), "").expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"3\"")
			.expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.status").isEqualTo("draft")
			.jsonPath("$.title").isEqualTo(meal().get("title"));
		// an ETag of the deleted draft does not match the new one
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).header("If-Match", "\"1\"")
			.bodyValue(meal()).exchange().expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
	}

	private WebTestClient.ResponseSpec upsert(Partner partner, String externalId, Map<String, Object> body,
			String query) {
		return this.http.put().uri("/api/v1/events/by-external-id/{externalId}" + query, externalId)
			.header(IDENTITY, partner.header()).bodyValue(body).exchange();
	}

	private WebTestClient.ResponseSpec post(Partner partner, Map<String, Object> body, String idempotencyKey) {
		return this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header())
			.header("Idempotency-Key", idempotencyKey).bodyValue(body).exchange();
	}

	private long count(Partner partner) {
		return this.mongo.count(Query.query(Criteria.where("organisationId").is(partner.id())
			.and("status").ne(Vocabulary.DELETED)), PartnerEvent.class).block();
	}

	private long version(String id) {
		return stored(id).get("version", Number.class).longValue();
	}

	private Document stored(String id) {
		return this.mongo.findById(id, Document.class, "events").block();
	}

}
