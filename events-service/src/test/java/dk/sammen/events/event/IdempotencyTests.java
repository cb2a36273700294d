package dk.sammen.events.event;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTests extends EventsIntegrationTest {

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void create_sameKeyAndBodyTwice_returnsTheSameEventOnce() {
		Partner partner = newPartner();
		String key = UUID.randomUUID().toString();
		JsonNode first = post(partner, key, meal()).expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "false")
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		JsonNode second = post(partner, key, meal()).expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "true")
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(second.get("id")).isEqualTo(first.get("id"));
		assertThat(countFor(partner)).isEqualTo(1);
	}

	@Test
	void create_sameKeyDifferentBody_is422AndStoresNothingNew() {
		Partner partner = newPartner();
		String key = UUID.randomUUID().toString();
		post(partner, key, meal()).expectStatus().isCreated();
		Map<String, Object> other = meal();
		other.put("title", "Noget andet");
		post(partner, key, other).expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/idempotency-key-reused");
		assertThat(countFor(partner)).isEqualTo(1);
	}

	@Test
	void create_sameKeyFromTwoOrganisations_createsTwoEvents() {
		Partner one = newPartner();
		Partner two = newPartner();
		String key = "shared-key";
		String first = post(one, key, meal()).expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
			.getResponseBody().get("id").asString();
		String second = post(two, key, meal()).expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
			.getResponseBody().get("id").asString();
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void create_concurrentRetriesWithOneKey_storeOneEvent() {
		Partner partner = newPartner();
		String key = UUID.randomUUID().toString();
		WebClient client = WebClient.create(baseUrl());
		List<String> ids = Flux.range(0, 8)
			.flatMap((i) -> client.post().uri("/api/v1/events").header(IDENTITY, partner.header())
				.header("Idempotency-Key", key).bodyValue(meal()).retrieve().bodyToMono(JsonNode.class)
				.map((body) -> body.get("id").asString()), 8)
			.collectList().block();
		assertThat(ids).hasSize(8).containsOnly(ids.get(0));
		assertThat(countFor(partner)).isEqualTo(1);
	}

	@Test
	void create_controlCharactersInKey_is400() {
		Partner partner = newPartner();
		post(partner, "a b", meal()).expectStatus().isBadRequest();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(Partner partner, String key,
			Map<String, Object> body) {
		return this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header())
			.header("Idempotency-Key", key).bodyValue(body).exchange();
	}

	private long countFor(Partner partner) {
		return this.mongo.count(Query.query(Criteria.where("organisationId").is(partner.id())), PartnerEvent.class)
			.block();
	}

}
