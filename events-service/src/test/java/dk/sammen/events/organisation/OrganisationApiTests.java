package dk.sammen.events.organisation;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import dk.sammen.platform.identity.ApiKeySecrets;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class OrganisationApiTests extends EventsIntegrationTest {

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void register_asAdmin_returnsKeyOnceAndStoresOnlyItsHash() {
		Partner partner = newPartner();
		String apiKey = partner.registration().get("apiKey").asString();
		assertThat(apiKey).startsWith("smn_");
		Organisation stored = this.mongo.findById(partner.id(), Organisation.class).block();
		assertThat(stored.keys()).singleElement().satisfies((key) -> {
			assertThat(key.sha256()).isEqualTo(ApiKeySecrets.sha256(apiKey));
			assertThat(key.role()).isEqualTo("partner");
		});
		JsonNode fetched = this.http.get()
			.uri("/api/v1/admin/organisations/{id}", partner.id())
			.header(IDENTITY, admin())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(fetched.has("apiKey")).isFalse();
		assertThat(fetched.toString()).doesNotContain(apiKey).doesNotContain(ApiKeySecrets.sha256(apiKey));
	}

	@Test
	void register_asPartner_isForbiddenAndCreatesNothing() {
		Partner partner = newPartner();
		String cvr = randomCvr();
		this.http.post()
			.uri("/api/v1/admin/organisations")
			.header(IDENTITY, partner.header())
			.bodyValue(Map.of("name", "Snyd", "cvr", cvr, "kind", "forening", "contactEmail", "a@example.dk"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mongo.exists(org.springframework.data.mongodb.core.query.Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("cvr").is(cvr)), Organisation.class)
			.block()).isFalse();
	}

	@Test
	void register_anonymous_isUnauthorized() {
		this.http.post()
			.uri("/api/v1/admin/organisations")
			.bodyValue(Map.of("name", "X", "cvr", randomCvr(), "kind", "forening", "contactEmail", "a@example.dk"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/unauthorized");
	}

	@Test
	void register_invalidCvrKindAndEmail_namesEachField() {
		this.http.post()
			.uri("/api/v1/admin/organisations")
			.header(IDENTITY, admin())
			.bodyValue(Map.of("name", "", "cvr", "12345678", "kind", "klub", "contactEmail", "not-an-address"))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(fields.toString()).contains("name", "cvr", "kind", "contactEmail"));
	}

	@Test
	void register_sameCvrTwice_isConflict() {
		String cvr = randomCvr();
		Map<String, String> body = Map.of("name", "Ældre Sagen Test", "cvr", cvr, "kind", "forening",
				"contactEmail", "info@example.dk");
		this.http.post().uri("/api/v1/admin/organisations").header(IDENTITY, admin()).bodyValue(body).exchange()
			.expectStatus().isCreated();
		this.http.post().uri("/api/v1/admin/organisations").header(IDENTITY, admin()).bodyValue(body).exchange()
			.expectStatus().isEqualTo(409);
	}

	@Test
	void issueAndRevokeKey_asAdmin_recordsRoleAndRevocation() {
		Partner partner = newPartner();
		JsonNode key = this.http.post()
			.uri("/api/v1/admin/organisations/{id}/keys", partner.id())
			.header(IDENTITY, admin())
			.bodyValue(Map.of("role", "editor"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(key.get("role").asString()).isEqualTo("editor");
		assertThat(key.get("apiKey").asString()).startsWith("smn_");
		this.http.delete()
			.uri("/api/v1/admin/organisations/{id}/keys/{keyId}", partner.id(), key.get("id").asString())
			.header(IDENTITY, admin())
			.exchange()
			.expectStatus()
			.isNoContent();
		Organisation stored = this.mongo.findById(partner.id(), Organisation.class).block();
		assertThat(stored.key(key.get("id").asString()).orElseThrow().revokedAt()).isNotNull();
		assertThat(stored.keys()).hasSize(2);
	}

	@Test
	void issueKey_adminRole_isRejected() {
		Partner partner = newPartner();
		this.http.post()
			.uri("/api/v1/admin/organisations/{id}/keys", partner.id())
			.header(IDENTITY, admin())
			.bodyValue(Map.of("role", "admin"))
			.exchange()
			.expectStatus()
			.isEqualTo(422);
	}

	@Test
	void me_asPartner_showsOwnOrganisationOnly() {
		Partner partner = newPartner();
		this.http.get()
			.uri("/api/v1/organisations/me")
			.header(IDENTITY, partner.header())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(partner.id());
	}

	@Test
	void anyRequest_forgedIdentityHeader_isUnauthorized() {
		String forged = "v1.b3JnfGFkbWlufGt8OTk5OTk5OTk5OQ.c2lnbmF0dXJl";
		this.http.get()
			.uri("/api/v1/admin/organisations")
			.header(IDENTITY, forged)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void anyRequest_identitySignedWithAnotherKey_isUnauthorized() {
		dk.sammen.platform.identity.SignedIdentities attacker = new dk.sammen.platform.identity.SignedIdentities(
				"attacker-chosen-signing-key-0123456789", java.time.Duration.ofMinutes(1), java.time.Clock.systemUTC());
		this.http.get()
			.uri("/api/v1/admin/organisations")
			.header(IDENTITY, attacker.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "x")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void setFreshness_asAdmin_makesTheOrganisationsOffersStaleAfterItsOwnInterval() {
		Partner partner = newPartner();
		this.http.put().uri("/api/v1/admin/organisations/{id}/freshness", partner.id()).header(IDENTITY, admin())
			.bodyValue(java.util.Map.of("reconfirmAfterDays", 30)).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.reconfirmAfterDays").isEqualTo(30);
		java.util.Map<String, Object> meal = meal();
		meal.put("programme", "local-partnership");
		meal.put("schedule", java.util.Map.of("rrule", "FREQ=WEEKLY;BYDAY=TH"));
		String id = createEvent(partner, meal).get("id").asString();
		JsonNode published = publish(partner, id);
		java.time.Instant confirmedAt = java.time.OffsetDateTime
			.parse(published.get("freshness").get("confirmedAt").asString()).toInstant();
		assertThat(java.time.OffsetDateTime.parse(published.get("freshness").get("staleAt").asString()).toInstant())
			.isEqualTo(confirmedAt.plus(java.time.Duration.ofDays(30)));

		// back to the platform's default (90 days)
		this.http.put().uri("/api/v1/admin/organisations/{id}/freshness", partner.id()).header(IDENTITY, admin())
			.bodyValue(java.util.Collections.singletonMap("reconfirmAfterDays", null)).exchange().expectStatus().isOk();
		JsonNode confirmed = this.http.post().uri("/api/v1/events/{id}/confirm", id).header(IDENTITY, partner.header())
			.exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		java.time.Instant again = java.time.OffsetDateTime.parse(confirmed.get("freshness").get("confirmedAt").asString())
			.toInstant();
		assertThat(java.time.OffsetDateTime.parse(confirmed.get("freshness").get("staleAt").asString()).toInstant())
			.isEqualTo(again.plus(java.time.Duration.ofDays(90)));
	}

	@Test
	void setFreshness_outOfRangeOrByAPartner_isRefusedAndChangesNothing() {
		Partner partner = newPartner();
		for (Object days : java.util.List.of(6, 731, "monthly")) {
			this.http.put().uri("/api/v1/admin/organisations/{id}/freshness", partner.id()).header(IDENTITY, admin())
				.bodyValue(java.util.Map.of("reconfirmAfterDays", days)).exchange().expectStatus().is4xxClientError()
				.expectHeader().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
		}
		this.http.put().uri("/api/v1/admin/organisations/{id}/freshness", partner.id()).header(IDENTITY, partner.header())
			.bodyValue(java.util.Map.of("reconfirmAfterDays", 30)).exchange().expectStatus().isForbidden();
		Organisation stored = this.mongo.findById(partner.id(), Organisation.class).block();
		assertThat(stored.reconfirmAfterDays()).isNull();
		assertThat(stored.version()).isEqualTo(partner.registration().get("version").asLong());
	}

}
