package dk.sammen.notification.webhook;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner API: the secret shown once and stored only encrypted, another organisation's key
 * seeing nothing (404), bad bodies refused with problem+json and nothing stored, the limit per
 * organisation, and only partner keys.
 */
class WebhookApiTests extends WebhookIntegrationTest {

	private static final List<String> PUBLISHED = List.of(CloudEventTypes.EVENT_PUBLISHED_V1);

	@Test
	void register_showsSecretOnceAndStoresItOnlyEncrypted() {
		String organisation = newOrganisation();
		JsonNode created = register(organisation, receiver.url("/api"), PUBLISHED);
		String id = created.get("id").asString();
		String secret = created.get("secret").asString();

		assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
		assertThat(created.get("status").asString()).isEqualTo("active");
		assertThat(get(organisation, "/" + id).has("secret")).isFalse();
		assertThat(get(organisation, "").get("items")).singleElement()
			.satisfies((item) -> assertThat(item.has("secret")).isFalse());
		Document stored = this.mongo.findById(id, Document.class, WebhookEndpoint.COLLECTION).block();
		assertThat(stored.toJson()).doesNotContain(secret).doesNotContain(secret.substring(6));
		assertThat(stored.getString("sealedSecret")).startsWith("v1:local-1:");
	}

	@Test
	void anotherOrganisation_seesNothingOfSomeoneElsesWebhook() {
		String owner = newOrganisation();
		String intruder = newOrganisation();
		String id = register(owner, receiver.url("/bola"), PUBLISHED).get("id").asString();

		for (String path : List.of("/" + id, "/" + id + "/deliveries")) {
			this.http.get().uri(BASE + path).header("X-Sammen-Identity", partner(intruder)).exchange()
				.expectStatus().isNotFound()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		for (String path : List.of("/" + id + "/rotate-secret", "/" + id + "/enable")) {
			this.http.post().uri(BASE + path).header("X-Sammen-Identity", partner(intruder)).exchange()
				.expectStatus().isNotFound();
		}
		this.http.delete().uri(BASE + "/" + id).header("X-Sammen-Identity", partner(intruder)).exchange()
			.expectStatus().isNotFound();
		assertThat(get(intruder, "").get("items")).isEmpty();

		JsonNode still = get(owner, "/" + id);
		assertThat(still.get("status").asString()).isEqualTo("active");
		assertThat(still.get("secretRotatedAt")).as("not rotated by the intruder").isNull();
	}

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource(delimiter = '|', value = {
			"{\"url\":\"http://hooks.example.dk/x\",\"types\":[\"dk.sammen.event.published.v1\"]} | 422 | url",
			"{\"url\":\"https://169.254.169.254/latest\",\"types\":[\"dk.sammen.event.published.v1\"]} | 422 | url",
			"{\"url\":\"https://2130706433/\",\"types\":[\"dk.sammen.event.published.v1\"]} | 422 | url",
			"{\"url\":\"file:///etc/passwd\",\"types\":[\"dk.sammen.event.published.v1\"]} | 422 | url",
			"{\"url\":\"https://127.0.0.1:22/\",\"types\":[\"dk.sammen.event.published.v1\"]} | 422 | url",
			"{\"types\":[\"dk.sammen.event.published.v1\"]} | 422 | url",
			"{\"url\":\"https://127.0.0.1/x\"} | 422 | types",
			"{\"url\":\"https://127.0.0.1/x\",\"types\":[]} | 422 | types",
			"{\"url\":\"https://127.0.0.1/x\",\"types\":[\"dk.sammen.apikey.issued.v1\"]} | 422 | types[0]",
			"{\"url\":\"https://127.0.0.1/x\",\"types\":[\"dk.sammen.event.published.v1\",\"dk.sammen.event.published.v1\"]} | 422 | types",
			"{\"url\":\"https://127.0.0.1/x\",\"types\":[\"dk.sammen.event.published.v1\"],\"secret\":\"mine\"} | 400 | secret",
			"{\"url\":\"https://127.0.0.1/x\",\"types\":\"dk.sammen.event.published.v1\"} | 400 | types",
			"{\"url\": | 400 | ''",
			"[] | 400 | ''" })
	void register_badBody_isProblemAndStoresNothing(String body, int status, String field) {
		String organisation = newOrganisation();
		JsonNode problem = this.http.post().uri(BASE).header("X-Sammen-Identity", partner(organisation))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class).returnResult().getResponseBody();

		assertThat(problem.get("type").asString()).startsWith("https://sammen.dk/problems/");
		if (!field.isEmpty()) {
			assertThat(problem.get("errors")).extracting((error) -> error.get("field").asString()).contains(field);
		}
		assertThat(this.mongo.count(Query.query(Criteria.where("organisationId").is(organisation)),
				WebhookEndpoint.COLLECTION).block()).isZero();
	}

	@Test
	void register_pastTheLimit_isConflictAndStoresNothingMore() {
		String organisation = newOrganisation();
		for (int i = 0; i < 3; i++) {
			register(organisation, receiver.url("/limit-" + i), PUBLISHED);
		}

		this.http.post().uri(BASE).header("X-Sammen-Identity", partner(organisation))
			.bodyValue(Map.of("url", receiver.url("/limit-3"), "types", PUBLISHED))
			.exchange()
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/limit-reached");
		assertThat(get(organisation, "").get("items")).hasSize(3);

		String first = get(organisation, "").get("items").get(0).get("id").asString();
		this.http.delete().uri(BASE + "/" + first).header("X-Sammen-Identity", partner(organisation)).exchange()
			.expectStatus().isNoContent();
		register(organisation, receiver.url("/limit-3"), PUBLISHED);
		assertThat(get(organisation, "").get("items")).hasSize(3);
	}

	@Test
	void onlyPartnerKeys_manageWebhooks() {
		String organisation = newOrganisation();
		this.http.get().uri(BASE).exchange().expectStatus().isUnauthorized();
		for (Role role : List.of(Role.EDITOR, Role.ADMIN)) {
			String identity = this.identities.sign(new CallerIdentity(
					(role == Role.ADMIN) ? CallerIdentity.PLATFORM : organisation, role, "key-" + role));
			this.http.method(HttpMethod.POST).uri(BASE).header("X-Sammen-Identity", identity)
				.bodyValue(Map.of("url", receiver.url("/roles"), "types", PUBLISHED))
				.exchange()
				.expectStatus().isForbidden();
		}
		assertThat(this.mongo.count(Query.query(Criteria.where("url").is(receiver.url("/roles"))),
				WebhookEndpoint.COLLECTION).block()).isZero();
	}

	@Test
	void deliveries_badLimitOrCursor_isBadRequest() {
		String organisation = newOrganisation();
		String id = register(organisation, receiver.url("/paging"), PUBLISHED).get("id").asString();
		for (String query : List.of("?limit=0", "?limit=101", "?limit=x", "?cursor=bm9wZQ")) {
			this.http.get().uri(BASE + "/" + id + "/deliveries" + query).header("X-Sammen-Identity", partner(organisation))
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/invalid-query");
		}
	}

}
