package dk.sammen.events.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mass assignment (OWASP API3): a field the server owns never takes effect, whatever the way in — a new
 * event, a change, an upsert by external id, a batch item — and top-level or nested. Each is refused with
 * 400 naming it, and nothing is stored or changed. ({@link EventInputTests} covers the first five on
 * {@code POST}.)
 */
class MassAssignmentTests extends EventsIntegrationTest {

	@Autowired
	ReactiveMongoTemplate mongo;

	@ParameterizedTest
	@ValueSource(strings = { "id", "status", "organisationId", "organisationName", "version", "createdAt",
			"updatedAt", "publishedAt", "cancellationReason", "freshness",
			"location.regionCode", "schedule.cancelled", "schedule.seriesEndsAt", "schedule.firstStartsAt",
			"schedule.count" })
	void serverOwnedField_inEveryWriteBody_is400NamingItAndChangesNothing(String field) {
		Partner partner = newPartner();
		Map<String, Object> body = withField(series(), field);

		// a new event
		refused(this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange(),
				field);
		assertThat(stored(partner)).isZero();

		// an upsert by external id
		refused(this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "massetildeling")
			.header(IDENTITY, partner.header()).bodyValue(body).exchange(), field);
		assertThat(stored(partner)).isZero();

		// a batch item fails itself
		JsonNode batch = this.http.post().uri("/api/v1/events/batch").header(IDENTITY, partner.header())
			.bodyValue(Map.of("events", List.of(body))).exchange().expectStatus().isOk().expectBody(JsonNode.class)
			.returnResult().getResponseBody();
		assertThat(batch.get("results").get(0).get("status").asInt()).isEqualTo(400);
		assertThat(batch.get("results").get(0).get("problem").get("errors").get(0).get("field").asString())
			.isEqualTo(field);
		assertThat(stored(partner)).isZero();

		// a change to a published event
		String id = createEvent(partner, series()).get("id").asString();
		publish(partner, id);
		JsonNode before = own(partner, id);
		refused(this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header())
			.header("If-Match", "\"" + before.get("version").asLong() + "\"").bodyValue(body).exchange(), field);
		refused(this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "massetildeling")
			.header(IDENTITY, partner.header()).bodyValue(body).exchange(), field);
		assertThat(own(partner, id)).isEqualTo(before);
		assertThat(stored(partner)).isEqualTo(1);
	}

	private void refused(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec answer,
			String field) {
		answer.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://sammen.dk/problems/unknown-field")
			.jsonPath("$.errors[0].field").isEqualTo(field);
	}

	/** {@code body} with the server-owned {@code field} (a dotted path) set to a value an attacker wants. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> withField(Map<String, Object> body, String field) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		String[] path = field.split("\\.");
		Map<String, Object> node = copy;
		for (int i = 0; i < path.length - 1; i++) {
			Map<String, Object> nested = new LinkedHashMap<>(
					(Map<String, Object>) node.getOrDefault(path[i], Map.of()));
			node.put(path[i], nested);
			node = nested;
		}
		String leaf = path[path.length - 1];
		node.put(leaf, switch (leaf) {
			case "version", "count" -> 99;
			case "status" -> "published";
			case "freshness" -> Map.of("stale", false, "hiddenAt", "2099-01-01T00:00:00Z");
			case "cancelled" -> List.of(Map.of("date", "2027-03-09", "reason", "ikke dig"));
			case "createdAt", "updatedAt", "publishedAt", "confirmedAt", "seriesEndsAt", "firstStartsAt" ->
				"2020-01-01T00:00:00Z";
			default -> "00000000-0000-0000-0000-000000000000";
		});
		return copy;
	}

	/** A weekly series with a location, so nested server-owned fields have a place to go. */
	private static Map<String, Object> series() {
		Map<String, Object> body = new LinkedHashMap<>(meal());
		body.put("programme", "local-partnership");
		body.put("startsAt", "2027-03-02T10:00:00+01:00");
		body.put("endsAt", "2027-03-02T12:00:00+01:00");
		body.put("schedule", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "until", "2027-06-29"));
		return body;
	}

	private JsonNode own(Partner partner, String id) {
		return this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private long stored(Partner partner) {
		return this.mongo.count(Query.query(Criteria.where("organisationId").is(partner.id())), PartnerEvent.class)
			.block();
	}

}
