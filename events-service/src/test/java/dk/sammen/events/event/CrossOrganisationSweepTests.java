package dk.sammen.events.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BOLA sweep (OWASP API1): every partner endpoint of events-service, called with another
 * organisation's key on an event in each state (draft, published, cancelled), answers 403 or 404 as
 * problem+json and changes nothing: the owner sees the same document, version and all, the other
 * organisation's own listing, change feed and external-id look-up never show it.
 * ({@link EventAuthorizationTests} has the first cases one by one.)
 */
class CrossOrganisationSweepTests extends EventsIntegrationTest {

	private static final String EXTERNAL_ID = "sweep/uge-17";

	@ParameterizedTest
	@ValueSource(strings = { "draft", "published", "cancelled" })
	void otherOrganisation_everyPartnerEndpoint_is403Or404AndChangesNothing(String state) {
		Partner owner = newPartner();
		Partner other = newPartner();
		String id = ownersEvent(owner, state);
		JsonNode before = own(owner, id);
		Map<String, Object> hijack = new LinkedHashMap<>(series());
		hijack.put("title", "Overtaget");
		String ifMatch = "\"" + before.get("version").asLong() + "\"";

		Map<String, Function<WebTestClient, WebTestClient.ResponseSpec>> calls = new LinkedHashMap<>();
		calls.put("PUT", (c) -> c.put().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header())
			.header("If-Match", ifMatch).bodyValue(hijack).exchange());
		calls.put("DELETE", (c) -> c.delete().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header())
			.exchange());
		calls.put("publish", (c) -> c.post().uri("/api/v1/events/{id}/publish", id).header(IDENTITY, other.header())
			.exchange());
		calls.put("cancel", (c) -> c.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, other.header())
			.bodyValue(Map.of("reason", "x")).exchange());
		calls.put("confirm", (c) -> c.post().uri("/api/v1/events/{id}/confirm", id).header(IDENTITY, other.header())
			.exchange());
		calls.put("occurrence cancel", (c) -> c.post()
			.uri("/api/v1/events/{id}/occurrences/{date}/cancel", id, "2027-03-09").header(IDENTITY, other.header())
			.bodyValue(Map.of("reason", "x")).exchange());
		calls.put("PUT If-Match *", (c) -> c.put().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header())
			.header("If-Match", "*").bodyValue(hijack).exchange());
		if ("draft".equals(state)) {
			calls.put("GET", (c) -> c.get().uri("/api/v1/events/{id}", id).header(IDENTITY, other.header())
				.exchange());
		}

		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, Function<WebTestClient, WebTestClient.ResponseSpec>> call : calls.entrySet()) {
			EntityExchangeResult<byte[]> answer = call.getValue().apply(this.http).expectBody().returnResult();
			int status = answer.getStatus().value();
			MediaType type = answer.getResponseHeaders().getContentType();
			if ((status != 403 && status != 404) || type == null
					|| !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)) {
				failures.add(call.getKey() + " → " + status + " " + type);
			}
		}
		assertThat(failures).as("another organisation's calls on a %s event", state).isEmpty();
		assertThat(own(owner, id)).isEqualTo(before);

		// the other organisation's own views never show it
		JsonNode listing = this.http.get().uri("/api/v1/organisations/me/events?limit=100")
			.header(IDENTITY, other.header()).exchange().expectStatus().isOk().expectBody(JsonNode.class)
			.returnResult().getResponseBody();
		assertThat(listing.get("items").size()).isZero();
		this.http.get().uri("/api/v1/events/by-external-id/{externalId}", EXTERNAL_ID).header(IDENTITY, other.header())
			.exchange().expectStatus().isNotFound();
		await().atMost(Duration.ofSeconds(20)).until(() -> changeIds(owner).contains(id));
		assertThat(changeIds(other)).isEmpty();
		assertThat(own(owner, id)).isEqualTo(before);
	}

	private String ownersEvent(Partner owner, String state) {
		String id = this.http.put().uri("/api/v1/events/by-external-id/{externalId}", EXTERNAL_ID)
			.header(IDENTITY, owner.header()).bodyValue(series()).exchange().expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		if (!"draft".equals(state)) {
			publish(owner, id);
		}
		if ("cancelled".equals(state)) {
			this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, owner.header())
				.bodyValue(Map.of("reason", "Aflyst")).exchange().expectStatus().isOk();
		}
		return id;
	}

	private List<String> changeIds(Partner partner) {
		JsonNode page = this.http.get().uri("/api/v1/events/changes?limit=500").header(IDENTITY, partner.header())
			.exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		List<String> ids = new ArrayList<>();
		page.get("changes").forEach((change) -> ids.add(change.get("id").asString()));
		return ids;
	}

	private JsonNode own(Partner partner, String id) {
		return this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private static Map<String, Object> series() {
		Map<String, Object> body = new LinkedHashMap<>(meal());
		body.put("programme", "local-partnership");
		body.put("startsAt", "2027-03-02T10:00:00+01:00");
		body.put("endsAt", "2027-03-02T12:00:00+01:00");
		body.put("schedule", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "until", "2027-06-29"));
		return body;
	}

}
