package dk.sammen.events.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

class BatchImportTests extends EventsIntegrationTest {

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void batch_oneBadItem_failsOnlyItself() {
		Partner partner = newPartner();
		Map<String, Object> bad = meal();
		bad.put("kommuneCode", "0661");
		Map<String, Object> wrongWeek = meal();
		wrongWeek.put("startsAt", "2027-06-01T17:00:00+02:00");
		wrongWeek.put("endsAt", "2027-06-01T19:00:00+02:00");
		JsonNode result = this.http.post().uri("/api/v1/events/batch").header(IDENTITY, partner.header())
			.bodyValue(Map.of("events", List.of(meal(), bad, meal(), wrongWeek))).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(result.get("succeeded").asInt()).isEqualTo(2);
		assertThat(result.get("failed").asInt()).isEqualTo(2);
		assertThat(result.get("results").get(0).get("status").asInt()).isEqualTo(201);
		assertThat(result.get("results").get(1).get("status").asInt()).isEqualTo(400);
		assertThat(result.get("results").get(1).get("problem").get("errors").get(0).get("field").asString())
			.isEqualTo("kommuneCode");
		assertThat(result.get("results").get(3).get("status").asInt()).isEqualTo(422);
		assertThat(count(partner)).isEqualTo(2);
	}

	@Test
	void batch_500Events_areAllImportedAndPublished() {
		Partner partner = newPartner();
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			Map<String, Object> event = meal();
			event.put("title", "Fællesspisning nr. " + i);
			events.add(event);
		}
		JsonNode result = this.http.post().uri("/api/v1/events/batch?publish=true").header(IDENTITY, partner.header())
			.bodyValue(Map.of("events", events)).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(result.get("succeeded").asInt()).isEqualTo(500);
		assertThat(this.mongo.count(Query.query(Criteria.where("organisationId").is(partner.id())
			.and("status").is("published")), PartnerEvent.class).block()).isEqualTo(500);
	}

	@Test
	void batch_501Events_isRejectedWhole() {
		Partner partner = newPartner();
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 501; i++) {
			events.add(meal());
		}
		this.http.post().uri("/api/v1/events/batch").header(IDENTITY, partner.header())
			.bodyValue(Map.of("events", events)).exchange().expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("events");
		assertThat(count(partner)).isZero();
	}

	@Test
	void batch_repeatedWithSameIdempotencyKey_createsNothingTwice() {
		Partner partner = newPartner();
		Map<String, Object> body = Map.of("events", List.of(meal(), meal(), meal()));
		for (int attempt = 0; attempt < 2; attempt++) {
			this.http.post().uri("/api/v1/events/batch").header(IDENTITY, partner.header())
				.header("Idempotency-Key", "import-2027-uge17").bodyValue(body).exchange().expectStatus().isOk();
		}
		assertThat(count(partner)).isEqualTo(3);
	}

	@Test
	void batch_notAnEventsObject_is400() {
		Partner partner = newPartner();
		this.http.post().uri("/api/v1/events/batch").header(IDENTITY, partner.header())
			.bodyValue(List.of(meal())).exchange().expectStatus().isBadRequest();
	}

	private long count(Partner partner) {
		return this.mongo.count(Query.query(Criteria.where("organisationId").is(partner.id())), PartnerEvent.class)
			.block();
	}

}
