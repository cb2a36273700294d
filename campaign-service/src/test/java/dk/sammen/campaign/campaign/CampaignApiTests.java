package dk.sammen.campaign.campaign;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.sammen.campaign.CampaignIntegrationTest;
import dk.sammen.platform.identity.Role;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Campaigns: the seeded national campaign, who may create and change them, and bad input. */
class CampaignApiTests extends CampaignIntegrationTest {

	@Test
	void get_seededCampaign_existsFromTheStart() {
		JsonNode campaign = getJson("/api/v1/campaigns/vaer-en-som-raekker-ud");
		assertThat(campaign.get("name").asString()).isEqualTo("Vær en, som rækker ud");
		assertThat(campaign.get("owner").asString()).isEqualTo("Social- og Boligstyrelsen");
		assertThat(campaign.get("description").asString()).contains("r8Dio");
		assertThat(getJson("/api/v1/campaigns").get("items").findValuesAsString("slug")).contains("vaer-en-som-raekker-ud");
	}

	@Test
	void migration_runAgain_keepsEditorsChanges() {
		JsonNode before = getJson("/api/v1/campaigns/vaer-en-som-raekker-ud");
		new CampaignMigration(this.mongo, java.time.Clock.systemUTC()).run(new org.springframework.boot.DefaultApplicationArguments());
		assertThat(getJson("/api/v1/campaigns/vaer-en-som-raekker-ud").get("version")).isEqualTo(before.get("version"));
	}

	@Test
	void create_asAdmin_storesSanitizedCampaignWithETag() {
		String slug = "kampagne-" + UUID.randomUUID().toString().substring(0, 8);
		this.http.post().uri("/api/v1/campaigns").header(IDENTITY, admin()).bodyValue(campaign(slug, "org-1"))
			.exchange().expectStatus().isCreated()
			.expectHeader().valueEquals("ETag", "\"1\"")
			.expectHeader().valueEquals("Location", "/api/v1/campaigns/" + slug)
			.expectBody().jsonPath("$.description").isEqualTo("<p>En kampagne</p>")
			.jsonPath("$.editors[0]").isEqualTo("org-1");
		this.http.post().uri("/api/v1/campaigns").header(IDENTITY, admin()).bodyValue(campaign(slug))
			.exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void create_withoutAdminRole_isRefusedAndStoresNothing() {
		String slug = "kampagne-" + UUID.randomUUID().toString().substring(0, 8);
		this.http.post().uri("/api/v1/campaigns").bodyValue(campaign(slug)).exchange().expectStatus().isUnauthorized();
		this.http.post().uri("/api/v1/campaigns").header(IDENTITY, caller("org-1", Role.EDITOR))
			.bodyValue(campaign(slug)).exchange().expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith("application/problem+json");
		this.http.post().uri("/api/v1/campaigns").header(IDENTITY, caller("org-1", Role.PARTNER))
			.bodyValue(campaign(slug)).exchange().expectStatus().isForbidden();
		this.http.get().uri("/api/v1/campaigns/{slug}", slug).exchange().expectStatus().isNotFound();
	}

	@Test
	void create_invalidInput_is422NamingEveryField() {
		Map<String, Object> body = campaign("Ikke En Slug");
		body.put("name", " ");
		body.put("links", java.util.List.of(Map.of("title", "Intern", "url", "http://10.0.0.1/")));
		body.put("endsOn", "2024-01-01");
		this.http.post().uri("/api/v1/campaigns").header(IDENTITY, admin()).bodyValue(body).exchange()
			.expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectHeader().contentTypeCompatibleWith("application/problem+json")
			.expectBody(JsonNode.class)
			.value((problem) -> assertThat(problem.get("errors").findValuesAsString("field"))
				.containsExactlyInAnyOrder("slug", "name", "endsOn", "links[0].url"));
	}

	@Test
	void create_serverOwnedField_is400() {
		Map<String, Object> body = campaign("kampagne-" + UUID.randomUUID().toString().substring(0, 8));
		body.put("version", 7);
		this.http.post().uri("/api/v1/campaigns").header(IDENTITY, admin()).bodyValue(body).exchange()
			.expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
	}

	@Test
	void update_byCampaignEditor_needsCurrentETag() {
		String slug = newCampaign("org-editor");
		Map<String, Object> changed = campaign(slug, "org-editor");
		changed.put("name", "Tal om ensomhed – nu også på arbejdspladsen");
		String editor = caller("org-editor", Role.EDITOR);
		this.http.put().uri("/api/v1/campaigns/{slug}", slug).header(IDENTITY, editor).bodyValue(changed).exchange()
			.expectStatus().isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
		this.http.put().uri("/api/v1/campaigns/{slug}", slug).header(IDENTITY, editor).header("If-Match", "\"1\"")
			.bodyValue(changed).exchange().expectStatus().isOk()
			.expectHeader().valueEquals("ETag", "\"2\"")
			.expectBody().jsonPath("$.name").isEqualTo("Tal om ensomhed – nu også på arbejdspladsen");
		this.http.put().uri("/api/v1/campaigns/{slug}", slug).header(IDENTITY, editor).header("If-Match", "\"1\"")
			.bodyValue(changed).exchange().expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
	}

	@Test
	void update_byOthers_isForbiddenAndChangesNothing() {
		String slug = newCampaign("org-editor");
		Map<String, Object> changed = campaign(slug, "org-other");
		for (String caller : new String[] { caller("org-other", Role.EDITOR), caller("org-editor", Role.PARTNER) }) {
			this.http.put().uri("/api/v1/campaigns/{slug}", slug).header(IDENTITY, caller).header("If-Match", "\"1\"")
				.bodyValue(changed).exchange().expectStatus().isForbidden();
		}
		this.http.put().uri("/api/v1/campaigns/{slug}", slug).header(IDENTITY, admin()).header("If-Match", "\"1\"")
			.bodyValue(campaign("en-anden-slug")).exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode stored = getJson("/api/v1/campaigns/{slug}", slug);
		assertThat(stored.get("version").asInt()).isEqualTo(1);
		assertThat(stored.get("editors").get(0).asString()).isEqualTo("org-editor");
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo;

}
