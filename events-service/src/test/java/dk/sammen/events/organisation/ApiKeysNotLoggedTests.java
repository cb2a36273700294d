package dk.sammen.events.organisation;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys are shown once and then only their hash exists (OWASP API8): neither the key of a new
 * organisation nor a key issued later appears in events-service's output while they are issued, used
 * and revoked — their issuing travels to the gateway over Kafka through the outbox as a hash.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeysNotLoggedTests extends EventsIntegrationTest {

	@Test
	void issueUseAndRevokeKeys_neverLogTheKeys(CapturedOutput output) {
		Partner partner = newPartner();
		String first = partner.registration().get("apiKey").asString();
		JsonNode second = this.http.post().uri("/api/v1/admin/organisations/{id}/keys", partner.id())
			.header(IDENTITY, admin()).bodyValue(Map.of("role", "editor")).exchange().expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		createEvent(partner, meal());
		this.http.get().uri("/api/v1/organisations/me").header(IDENTITY, partner.header()).exchange()
			.expectStatus().isOk();
		this.http.delete().uri("/api/v1/admin/organisations/{id}/keys/{keyId}", partner.id(),
				second.get("id").asString()).header(IDENTITY, admin()).exchange().expectStatus().isNoContent();
		this.http.get().uri("/api/v1/admin/organisations/{id}", partner.id()).header(IDENTITY, admin()).exchange()
			.expectStatus().isOk().expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain(first, second.get("apiKey").asString()));

		// the capture sees what the service's loggers write
		org.slf4j.LoggerFactory.getLogger(OrganisationService.class).warn("capture check");
		assertThat(output.getAll()).as("events-service's output").contains("capture check")
			.doesNotContain(first, second.get("apiKey").asString());
	}

}
