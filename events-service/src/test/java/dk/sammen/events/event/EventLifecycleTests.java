package dk.sammen.events.event;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class EventLifecycleTests extends EventsIntegrationTest {

	@Test
	void create_contractExample_isDraftWithServerOwnedFieldsAndETag() {
		Partner partner = newPartner();
		this.http.post()
			.uri("/api/v1/events")
			.header(IDENTITY, partner.header())
			.bodyValue(meal())
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("ETag", "\"1\"")
			.expectHeader()
			.valueMatches("Location", "/api/v1/events/[0-9a-f-]{36}")
			.expectBody()
			.jsonPath("$.status").isEqualTo("draft")
			.jsonPath("$.organisationId").isEqualTo(partner.id())
			.jsonPath("$.version").isEqualTo(1)
			.jsonPath("$.startsAt").isEqualTo("2027-04-29T17:30:00+02:00")
			.jsonPath("$.location.regionCode").isEqualTo("1082")
			.jsonPath("$.createdAt").exists()
			.jsonPath("$.updatedAt").exists();
	}

	@Test
	void get_draftAnonymously_isNotFound() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		this.http.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isNotFound();
		this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isOk();
	}

	@Test
	void publish_draft_becomesPublicAndIsIdempotent() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		JsonNode published = publish(partner, id);
		assertThat(published.get("status").asString()).isEqualTo("published");
		assertThat(published.get("version").asLong()).isEqualTo(2);
		assertThat(publish(partner, id).get("version").asLong()).isEqualTo(2);
		this.http.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("published");
	}

	@Test
	void put_withCurrentETag_updatesAndBumpsVersion() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		Map<String, Object> changed = meal();
		changed.put("title", "Fællesspisning med musik");
		this.http.put()
			.uri("/api/v1/events/{id}", id)
			.header(IDENTITY, partner.header())
			.header("If-Match", "\"1\"")
			.bodyValue(changed)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"2\"")
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Fællesspisning med musik");
	}

	@Test
	void put_withStaleETag_is412AndChangesNothing() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		publish(partner, id);
		Map<String, Object> changed = meal();
		changed.put("title", "Overskrevet");
		this.http.put()
			.uri("/api/v1/events/{id}", id)
			.header(IDENTITY, partner.header())
			.header("If-Match", "\"1\"")
			.bodyValue(changed)
			.exchange()
			.expectStatus()
			.isEqualTo(412)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get().uri("/api/v1/events/{id}", id).exchange().expectBody()
			.jsonPath("$.title").isEqualTo("Fællesspisning i Medborgerhuset")
			.jsonPath("$.version").isEqualTo(2);
	}

	@Test
	void put_withoutIfMatch_is428() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).bodyValue(meal())
			.exchange().expectStatus().isEqualTo(428);
	}

	@Test
	void cancel_published_keepsItVisibleAsCancelledWithReason() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		publish(partner, id);
		this.http.post()
			.uri("/api/v1/events/{id}/cancel", id)
			.header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", "Lokalet er blevet oversvømmet"))
			.exchange()
			.expectStatus()
			.isOk();
		this.http.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("cancelled")
			.jsonPath("$.cancellationReason").isEqualTo("Lokalet er blevet oversvømmet");
	}

	@Test
	void cancel_withoutReason_is422() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		publish(partner, id);
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", " ")).exchange().expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
	}

	@Test
	void cancelledEvent_cannotBeChangedOrPublishedAgain() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		publish(partner, id);
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", "Aflyst")).exchange().expectStatus().isOk();
		this.http.post().uri("/api/v1/events/{id}/publish", id).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isEqualTo(409);
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).header("If-Match", "\"3\"")
			.bodyValue(meal()).exchange().expectStatus().isEqualTo(409);
	}

	@Test
	void delete_draft_removesIt_butPublishedMustBeCancelled() {
		Partner partner = newPartner();
		String draft = createEvent(partner, meal()).get("id").asString();
		this.http.delete().uri("/api/v1/events/{id}", draft).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isNoContent();
		this.http.get().uri("/api/v1/events/{id}", draft).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isNotFound();
		String published = createEvent(partner, meal()).get("id").asString();
		publish(partner, published);
		this.http.delete().uri("/api/v1/events/{id}", published).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isEqualTo(409);
	}

	@Test
	void ownEvents_filteredByStatus_listsOnlyThatStatus() {
		Partner partner = newPartner();
		String draft = createEvent(partner, meal()).get("id").asString();
		String published = createEvent(partner, meal()).get("id").asString();
		publish(partner, published);
		this.http.get().uri("/api/v1/organisations/me/events?status=draft").header(IDENTITY, partner.header())
			.exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.items.length()").isEqualTo(1)
			.jsonPath("$.items[0].id").isEqualTo(draft);
		this.http.get().uri("/api/v1/organisations/me/events?status=published").header(IDENTITY, partner.header())
			.exchange().expectBody()
			.jsonPath("$.items.length()").isEqualTo(1)
			.jsonPath("$.items[0].id").isEqualTo(published);
		this.http.get().uri("/api/v1/organisations/me/events?status=archived").header(IDENTITY, partner.header())
			.exchange().expectStatus().isEqualTo(422);
	}

	@Test
	void create_withAdminKey_isForbidden() {
		this.http.post().uri("/api/v1/events").header(IDENTITY, admin()).bodyValue(meal()).exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void create_anonymous_isUnauthorized() {
		this.http.post().uri("/api/v1/events").bodyValue(meal()).exchange().expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
