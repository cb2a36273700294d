package dk.sammen.gateway;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dk.sammen.localstack.KafkaBroker;
import dk.sammen.platform.identity.ApiKeySecrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secrets stay out of the logs (OWASP API8): API keys (accepted, refused, revoked, malformed) and
 * subscription tokens passing through the gateway never appear in its output, with the shipped log
 * levels and Sammen's own loggers at DEBUG.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.level.dk.sammen=DEBUG")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIntegrationTest {

	private static final String SIGNING_KEY = "test-signing-key-of-the-secrets-test";

	private static final String ADMIN_KEY = ApiKeySecrets.newKey();

	private static final EchoBackend events = EchoBackend.start("events-service");

	private static final EchoBackend campaigns = EchoBackend.start("campaign-service");

	private static final EchoBackend notifications = EchoBackend.start("notification-service");

	private WebTestClient client;

	@Autowired
	void client(WebTestClient client) {
		// a loaded machine answers the first requests slowly
		this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		registry.add("sammen.identity.signing-key", () -> SIGNING_KEY);
		registry.add("sammen.gateway.admin-key", () -> ADMIN_KEY);
		registry.add("sammen.gateway.services.events-uri", events::uri);
		registry.add("sammen.gateway.services.campaign-uri", campaigns::uri);
		registry.add("sammen.gateway.services.notification-uri", notifications::uri);
	}

	@AfterAll
	static void stopBackends() {
		events.close();
		campaigns.close();
		notifications.close();
	}

	@Test
	void requestsWithKeysAndTokens_neverLogTheSecrets(CapturedOutput output) {
		String keyId = "k-" + UUID.randomUUID();
		String unknownKey = ApiKeySecrets.newKey();
		String token = "tok-" + UUID.randomUUID().toString().replace("-", "");
		String key;
		try (ApiKeyTopic topic = new ApiKeyTopic(KafkaBroker.shared().bootstrapServers())) {
			key = topic.issue(keyId, "org-" + keyId, "partner");
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
				.until(() -> status(get("/api/v1/events", key)) == HttpStatus.OK);
			this.client.post().uri("/api/v1/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
				.bodyValue("{\"title\":\"x\"}").header("Content-Type", "application/json").exchange()
				.expectStatus().isOk();
			get("/api/v1/events/changes?limit=5", key).expectStatus().isOk();
			get("/api/v1/events", unknownKey).expectStatus().isUnauthorized();
			this.client.get().uri("/api/v1/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key + " extra")
				.exchange().expectStatus().isUnauthorized();
			this.client.get().uri("/api/v1/events").header(HttpHeaders.AUTHORIZATION, "Basic " + key)
				.exchange().expectStatus().isUnauthorized();
			get("/api/v1/admin/organisations", ADMIN_KEY).expectStatus().isOk();
			this.client.get().uri("/api/v1/subscriptions/me?token={t}", token).exchange().expectStatus().isOk();
			this.client.post().uri("/api/v1/subscriptions/unsubscribe?token={t}", token).exchange()
				.expectStatus().isOk();
			topic.revoke(keyId, "org-" + keyId);
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
				.until(() -> status(get("/api/v1/events", key)) == HttpStatus.UNAUTHORIZED);
		}
		assertThat(output.getAll()).as("the gateway's output").isNotEmpty()
			.doesNotContain(key, unknownKey, ADMIN_KEY, token);
	}

	private WebTestClient.ResponseSpec get(String path, String key) {
		return this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
	}

	private static HttpStatus status(WebTestClient.ResponseSpec response) {
		return HttpStatus.resolve(response.expectBody().returnResult().getStatus().value());
	}

}
