package dk.sammen.events;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest.Partner;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dk.sammen.events.EventsIntegrationTest.IDENTITY;
import static dk.sammen.events.EventsIntegrationTest.randomCvr;

/** The calls tests make over and over, through HTTP as a partner or admin would. */
public record EventsApi(WebTestClient http, SignedIdentities identities) {

	public String admin() {
		return this.identities.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "bootstrap"));
	}

	/** A freshly registered organisation and the identity its first (partner) key gives. */
	public Partner newPartner() {
		JsonNode created = this.http.post()
			.uri("/api/v1/admin/organisations")
			.header(IDENTITY, admin())
			.bodyValue(Map.of("name", "Testforening " + ThreadLocalRandom.current().nextInt(100000), "cvr",
					randomCvr(), "kind", "forening", "contactEmail", "kontakt@example.dk"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CREATED)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		CallerIdentity identity = new CallerIdentity(created.get("id").asString(), Role.PARTNER,
				created.get("apiKeyId").asString());
		return new Partner(identity.organisationId(), this.identities.sign(identity), created);
	}

	/** Creates a draft with {@code body} as {@code partner}; returns the answer. */
	public JsonNode createEvent(Partner partner, Map<String, Object> body) {
		return this.http.post()
			.uri("/api/v1/events")
			.header(IDENTITY, partner.header())
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	public JsonNode publish(Partner partner, String id) {
		return this.http.post()
			.uri("/api/v1/events/{id}/publish", id)
			.header(IDENTITY, partner.header())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

}
