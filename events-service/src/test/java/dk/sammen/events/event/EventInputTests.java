package dk.sammen.events.event;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input is a problem+json 4xx and stores nothing. */
class EventInputTests extends EventsIntegrationTest {

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void create_unknownField_is400NamingItAndStoresNothing() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("colour", "red");
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("colour");
		assertNothingStoredFor(partner);
	}

	@Test
	void create_serverOwnedFields_areRejected() {
		Partner partner = newPartner();
		for (String field : List.of("id", "status", "organisationId", "createdAt", "version")) {
			Map<String, Object> body = meal();
			body.put(field, "published".equals(field) ? "x" : "published");
			this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
		}
		assertNothingStoredFor(partner);
	}

	@Test
	void create_danmarkSpiserSammenOutsideItsWeeks_is422NamingStartsAt() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("startsAt", "2027-05-06T17:30:00+02:00");
		body.put("endsAt", "2027-05-06T20:00:00+02:00");
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
			.expectStatus().isEqualTo(422)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://sammen.dk/problems/validation")
			.jsonPath("$.title").exists()
			.jsonPath("$.status").isEqualTo(422)
			.jsonPath("$.detail").exists()
			.jsonPath("$.errors[0].field").isEqualTo("startsAt");
		assertNothingStoredFor(partner);
	}

	@Test
	void create_bodyOver256KiB_is413() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("description", "x".repeat(300 * 1024));
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
			.expectStatus().isEqualTo(413)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertNothingStoredFor(partner);
	}

	@Test
	void create_malformedJson_is400() {
		Partner partner = newPartner();
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header())
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"title\": ").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void create_mongoOperatorInStringField_is400() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("title", Map.of("$gt", ""));
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("title");
		assertNothingStoredFor(partner);
	}

	@Test
	void create_timeWithoutOffset_is400NamingTheField() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("startsAt", "2027-04-29T17:30:00");
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
			.expectStatus().is4xxClientError()
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("startsAt");
	}

	@Test
	void create_privateRegistrationUrl_is422() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("registrationUrl", "http://169.254.169.254/latest/meta-data");
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("registrationUrl");
	}

	@Test
	void create_unknownKommune_is422NamingNestedField() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("location", Map.of("venue", "Hal", "street", "Vej 1", "postalCode", "7500", "city", "Holstebro",
				"kommuneCode", "0999"));
		this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(body).exchange()
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("location.kommuneCode");
	}

	@Test
	void put_invalidBody_changesNothing() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		Map<String, Object> body = meal();
		body.put("programme", "fest");
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).header("If-Match", "\"1\"")
			.bodyValue(body).exchange().expectStatus().isEqualTo(422);
		this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange().expectBody()
			.jsonPath("$.version").isEqualTo(1).jsonPath("$.programme").isEqualTo("danmark-spiser-sammen");
	}

	@Test
	void unknownPath_is404ProblemJson() {
		this.http.get().uri("/api/v1/nothing-here").exchange().expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private void assertNothingStoredFor(Partner partner) {
		assertThat(this.mongo.count(Query.query(Criteria.where("organisationId").is(partner.id())), PartnerEvent.class)
			.block()).isZero();
	}

}
