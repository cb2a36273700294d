package dk.sammen.events.event;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.sammen.events.EventsIntegrationTest;

/** Broken object-level authorization: another organisation's key never reaches an event. */
class EventAuthorizationTests extends EventsIntegrationTest {

	@Test
	void otherOrganisation_draft_isNotFoundForEveryOperation() {
		Partner owner = newPartner();
		Partner other = newPartner();
		String id = createEvent(owner, meal()).get("id").asString();
		this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header()).exchange()
			.expectStatus().isNotFound();
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header()).header("If-Match", "\"1\"")
			.bodyValue(meal()).exchange().expectStatus().isNotFound();
		this.http.post().uri("/api/v1/events/{id}/publish", id).header(IDENTITY, other.header()).exchange()
			.expectStatus().isNotFound();
		this.http.delete().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header()).exchange()
			.expectStatus().isNotFound();
		this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, owner.header()).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("draft").jsonPath("$.version")
			.isEqualTo(1);
	}

	@Test
	void otherOrganisation_publishedEvent_isReadableButNotChangeable() {
		Partner owner = newPartner();
		Partner other = newPartner();
		String id = createEvent(owner, meal()).get("id").asString();
		publish(owner, id);
		this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header()).exchange()
			.expectStatus().isOk();
		Map<String, Object> hijack = meal();
		hijack.put("title", "Overtaget");
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header()).header("If-Match", "\"2\"")
			.bodyValue(hijack).exchange().expectStatus().isForbidden();
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, other.header())
			.bodyValue(Map.of("reason", "x")).exchange().expectStatus().isForbidden();
		this.http.delete().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header()).exchange()
			.expectStatus().isForbidden();
		this.http.get().uri("/api/v1/events/{id}", id).exchange().expectBody()
			.jsonPath("$.title").isEqualTo("Fællesspisning i Medborgerhuset")
			.jsonPath("$.status").isEqualTo("published");
	}

	@Test
	void ownEvents_ofAnotherOrganisation_areNeverListed() {
		Partner owner = newPartner();
		Partner other = newPartner();
		createEvent(owner, meal());
		this.http.get().uri("/api/v1/organisations/me/events").header(IDENTITY, other.header()).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
	}

	@Test
	void admin_mayCancelAnyOrganisationsEvent() {
		Partner owner = newPartner();
		String id = createEvent(owner, meal()).get("id").asString();
		publish(owner, id);
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, admin())
			.bodyValue(Map.of("reason", "Fjernet af sekretariatet")).exchange().expectStatus().isOk();
	}

}
