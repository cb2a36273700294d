package dk.sammen.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.platform.identity.ApiKeySecrets;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as a client sees it, with a real Kafka broker feeding the key directory and real
 * HTTP servers standing in for the three services.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.health.group.readiness.show-components=always")
@AutoConfigureWebTestClient
class GatewayIntegrationTest {

	private static final String SIGNING_KEY = "test-signing-key-of-the-gateway-integration-test";

	private static final String ADMIN_KEY = ApiKeySecrets.newKey();

	private static final String IDENTITY = "X-Sammen-Identity";

	private static final Duration KEY_PROPAGATION = Duration.ofSeconds(30);

	private static final EchoBackend events = EchoBackend.start("events-service");

	private static final EchoBackend campaigns = EchoBackend.start("campaign-service");

	private static final EchoBackend notifications = EchoBackend.start("notification-service");

	private static ApiKeyTopic topic;

	/** How a service verifies identities: its own instance with the shared key. */
	private final SignedIdentities service = new SignedIdentities(SIGNING_KEY, Duration.ofSeconds(60),
			Clock.systemUTC());

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		registry.add("sammen.identity.signing-key", () -> SIGNING_KEY);
		registry.add("sammen.gateway.admin-key", () -> ADMIN_KEY);
		registry.add("sammen.gateway.services.events-uri", events::uri);
		registry.add("sammen.gateway.services.campaign-uri", campaigns::uri);
		registry.add("sammen.gateway.services.notification-uri", notifications::uri);
	}

	@BeforeAll
	static void connectToTopic() {
		topic = new ApiKeyTopic(KafkaBroker.shared().bootstrapServers());
	}

	@AfterAll
	static void stopBackends() {
		topic.close();
		events.close();
		campaigns.close();
		notifications.close();
	}

	@ParameterizedTest
	@CsvSource({ "/api/v1/events, events-service", "/api/v1/events/e1/publish, events-service",
			"/api/v1/events/batch, events-service",
			"/api/v1/organisations/me/events?status=draft, events-service",
			"/api/v1/organisations/me, events-service",
			"/api/v1/organisations/me/webhooks, notification-service",
			"/api/v1/organisations/me/webhooks/wh_1/deliveries?limit=5, notification-service",
			"/api/v1/admin/organisations, events-service", "/api/v1/admin/organisations/o1/keys/k1, events-service",
			"/api/v1/campaigns, campaign-service", "/api/v1/campaigns/vaer-en-som-raekker-ud/stats, campaign-service",
			"/api/v1/programmes/danmark-spiser-sammen/weeks, campaign-service",
			"/api/v1/campaign-activities, campaign-service",
			"/api/v1/coverage?arena=hjem-og-bolig, campaign-service", "/api/v1/coverage.csv, campaign-service",
			"/api/v1/coverage/gaps?rankBy=distance, campaign-service", "/api/v1/coverage/map.svg, campaign-service",
			"/api/v1/subscriptions, notification-service",
			"/api/v1/subscriptions/unsubscribe?token=abc, notification-service",
			"/api/v1/admin/newsletters, notification-service",
			"/api/v1/admin/newsletters/n1, notification-service" })
	void routes_toTheServiceOwningThePath(String path, String owner) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo(owner)
			.jsonPath("$.uri")
			.isEqualTo(path);
	}

	@Test
	void routesSyncPaths_withAKey_toEventsServiceUnchanged() {
		EchoedRequest changes = exchange(get("/api/v1/events/changes?since=YzF8MXwwfDE&limit=500", ADMIN_KEY));
		EchoedRequest byExternalId = exchange(this.client.put()
			.uri("/api/v1/events/by-external-id/{externalId}", "kalender/2027/møde")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}"));

		assertThat(changes.backend()).isEqualTo("events-service");
		assertThat(changes.uri()).isEqualTo("/api/v1/events/changes?since=YzF8MXwwfDE&limit=500");
		assertThat(byExternalId.backend()).isEqualTo("events-service");
		assertThat(byExternalId.method()).isEqualTo("PUT");
		assertThat(byExternalId.uri()).isEqualTo("/api/v1/events/by-external-id/kalender%2F2027%2Fm%C3%B8de");
	}

	@ParameterizedTest
	@CsvSource({ "GET, /api/v1/events/changes, ''", "GET, /api/v1/events/changes?since={x}, abc",
			"GET, /api/v1/events/by-external-id/{x}, x", "PUT, /api/v1/events/by-external-id/{x}, x",
			"PUT, /api/v1/events/by-external-id/{x}, a/b" })
	void refuses401WithoutForwarding_syncPathsWithoutAKey(String method, String path, String value) {
		int before = events.requests();

		this.client.method(HttpMethod.valueOf(method))
			.uri(path, value)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sammen\"");

		assertThat(events.requests()).isEqualTo(before);
	}

	@Test
	void forwardsAnonymously_publicEventPathsBesideTheSyncOnes() {
		EchoedRequest listing = exchange(this.client.get().uri("/api/v1/events?limit=5"));
		EchoedRequest one = exchange(this.client.get().uri("/api/v1/events/changes-are-not-an-id-here"));

		assertThat(listing.backend()).isEqualTo("events-service");
		assertThat(one.uri()).isEqualTo("/api/v1/events/changes-are-not-an-id-here");
		assertThat(one.headers(IDENTITY)).isEmpty();
	}

	@Test
	void forwardsSignedIdentity_whenKeyIsIssued() {
		String keyId = newId();
		String key = topic.issue(keyId, "org-" + keyId, "partner");

		EchoedRequest echoed = awaitAccepted(key, "/api/v1/events");

		assertThat(echoed.identity(this.service)).contains(new CallerIdentity("org-" + keyId, Role.PARTNER, keyId));
		assertThat(echoed.headers(HttpHeaders.AUTHORIZATION)).as("the key itself stays at the gateway").isEmpty();
	}

	@Test
	void refuses401WithoutForwarding_whenKeyIsUnknown() {
		int before = events.requests();

		expectUnauthorized(get("/api/v1/events", ApiKeySecrets.newKey()), "invalid_token");

		assertThat(events.requests()).isEqualTo(before);
	}

	@Test
	void refuses401_afterKeyIsRevoked() {
		String keyId = newId();
		String key = topic.issue(keyId, "org-" + keyId, "editor");
		awaitAccepted(key, "/api/v1/campaigns");

		topic.revoke(keyId, "org-" + keyId);

		await().atMost(KEY_PROPAGATION).until(() -> HttpStatus.UNAUTHORIZED.equals(status(get("/api/v1/campaigns", key))));
		expectUnauthorized(get("/api/v1/campaigns", key), "invalid_token");
	}

	@Test
	void keepsKeyRevoked_whenRevocationIsReadBeforeIssue() {
		String keyId = newId();
		String key = ApiKeySecrets.newKey();
		topic.revoke(keyId, "org-" + keyId);
		topic.issue(keyId, keyId, "org-" + keyId, "partner", key);
		// a later key on the same partition: once it works, the two records before it were read
		String laterKey = ApiKeySecrets.newKey();
		topic.issue(keyId, newId(), "org-" + keyId, "partner", laterKey);

		awaitAccepted(laterKey, "/api/v1/events");

		expectUnauthorized(get("/api/v1/events", key), "invalid_token");
	}

	@Test
	void stripsClientIdentity_fromAnonymousRequests() {
		String forged = this.service.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "forged"));

		EchoedRequest echoed = exchange(this.client.get().uri("/api/v1/events").header(IDENTITY, forged));

		assertThat(echoed.headers(IDENTITY)).isEmpty();
	}

	@Test
	void replacesClientIdentity_withTheKeysOwn() {
		String keyId = newId();
		String key = topic.issue(keyId, "org-" + keyId, "partner");
		awaitAccepted(key, "/api/v1/events");
		String forged = this.service.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "forged"));

		EchoedRequest echoed = exchange(this.client.get()
			.uri("/api/v1/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.header(IDENTITY, forged));

		assertThat(echoed.headers(IDENTITY)).hasSize(1);
		assertThat(echoed.identity(this.service)).contains(new CallerIdentity("org-" + keyId, Role.PARTNER, keyId));
	}

	@Test
	void actsAsPlatformAdmin_withTheAdminKey() {
		EchoedRequest echoed = exchange(get("/api/v1/admin/organisations", ADMIN_KEY));

		assertThat(echoed.identity(this.service))
			.hasValueSatisfying((caller) -> assertThat(caller.organisationId()).isEqualTo(CallerIdentity.PLATFORM))
			.hasValueSatisfying((caller) -> assertThat(caller.role()).isEqualTo(Role.ADMIN));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic dXNlcjpwYXNzd29yZA==", "Bearer", "Bearer ", "Bearer two words", "smn_abc",
			"Bearer smn_a,b" })
	void refuses401WithoutForwarding_whenAuthorizationIsMalformed(String authorization) {
		int before = events.requests();

		expectUnauthorized(this.client.get().uri("/api/v1/events").header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange(), "invalid_request");

		assertThat(events.requests()).isEqualTo(before);
	}

	@Test
	void refuses401_whenAuthorizationIsRepeated() {
		expectUnauthorized(this.client.get()
			.uri("/api/v1/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY, "Bearer " + ADMIN_KEY)
			.exchange(), "invalid_request");
	}

	// "/" is the public web page (web package); other paths outside the API are still 404 problems
	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/feeds", "/api/v1/feed.rss", "/api/v1/unknown", "/index.html", "/arrangement" })
	void answers404Problem_forUnroutedPaths(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.detail")
			.isEqualTo("No API at " + path);
	}

	@Test
	void answers413Problem_whenDeclaredBodyIsTooLarge() {
		int before = events.requests();

		this.client.post()
			.uri("/api/v1/events")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[256 * 1024 + 1])
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/too-large");

		assertThat(events.requests()).isEqualTo(before);
	}

	@Test
	void answers413Problem_whenChunkedBodyIsTooLarge() {
		this.client.post()
			.uri("/api/v1/events")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks(64 * 1024, 5), DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void forwardsBody_ofExactlyTheLimit() {
		this.client.post()
			.uri("/api/v1/events")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks(64 * 1024, 4), DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.bodyBytes")
			.isEqualTo(256 * 1024);
	}

	@Test
	void forwardsBatchBody_overTheSingleEventLimit() {
		this.client.post()
			.uri("/api/v1/events/batch")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks(64 * 1024, 32), DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.bodyBytes")
			.isEqualTo(2 * 1024 * 1024);
	}

	@Test
	void answers413Problem_whenBatchBodyIsOver4MiB() {
		this.client.post()
			.uri("/api/v1/events/batch")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks(64 * 1024, 65), DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/events", "/api/v1/feed", "/api/v1/subscriptions/me" })
	void answers414Problem_whenQueryStringIsTooLong(String path) {
		int before = events.requests() + notifications.requests();

		this.client.get()
			.uri(path + "?q=" + "a".repeat(16 * 1024))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.URI_TOO_LONG)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(414);

		assertThat(events.requests() + notifications.requests()).isEqualTo(before);
	}

	@Test
	void answers431Problem_whenHeadersAreTooLarge() {
		int before = events.requests();

		this.client.get()
			.uri("/api/v1/events")
			.header("X-Padding", "a".repeat(32 * 1024))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(events.requests()).isEqualTo(before);
	}

	@Test
	void learnsLaterKeys_afterPoisonRecords() {
		String keyId = newId();
		topic.sendRaw(keyId, "not a CloudEvent");
		topic.send(keyId, "dk.sammen.apikey.rotated.v9", "{}".getBytes(StandardCharsets.UTF_8));
		topic.send(keyId, CloudEventTypes.API_KEY_ISSUED_V1, "{not json".getBytes(StandardCharsets.UTF_8));
		topic.send(keyId, CloudEventTypes.API_KEY_ISSUED_V1, "{\"keyId\":\"half\"}".getBytes(StandardCharsets.UTF_8));
		topic.send(keyId, CloudEventTypes.API_KEY_REVOKED_V1, "[]".getBytes(StandardCharsets.UTF_8));
		String key = ApiKeySecrets.newKey();
		topic.issue(keyId, keyId, "org-" + keyId, "partner", key);

		EchoedRequest echoed = awaitAccepted(key, "/api/v1/events");

		assertThat(echoed.identity(this.service)).contains(new CallerIdentity("org-" + keyId, Role.PARTNER, keyId));
	}

	@Test
	void reportsReadinessAndMetrics_onceKeysAreRead() {
		String keyId = newId();
		awaitAccepted(topic.issue(keyId, "org-" + keyId, "partner"), "/api/v1/events");

		await().atMost(KEY_PROPAGATION)
			.untilAsserted(() -> this.client.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP")
				.jsonPath("$.components.apiKeys.status")
				.isEqualTo("UP"));
		this.client.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		String metrics = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics).containsPattern("(?m)^sammen_gateway_api_keys [1-9]");
	}

	private ResponseSpec get(String path, String key) {
		return this.client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
	}

	private EchoedRequest awaitAccepted(String key, String path) {
		await().atMost(KEY_PROPAGATION).until(() -> HttpStatus.OK.equals(status(get(path, key))));
		return exchange(get(path, key));
	}

	/** The status without asserting it, so that polling does not log every miss as a failure. */
	private static HttpStatusCode status(ResponseSpec response) {
		return response.expectBody().returnResult().getStatus();
	}

	private EchoedRequest exchange(WebTestClient.RequestHeadersSpec<?> request) {
		return exchange(request.exchange());
	}

	private EchoedRequest exchange(ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(EchoedRequest.class).returnResult().getResponseBody();
	}

	private static void expectUnauthorized(ResponseSpec response, String error) {
		response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer .*error=\"" + error + "\".*")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
	}

	private static Flux<DataBuffer> chunks(int size, int count) {
		return Flux.range(0, count).map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[size]));
	}

	private static String newId() {
		return "k-" + UUID.randomUUID();
	}

	/** What an {@link EchoBackend} saw. */
	record EchoedRequest(String backend, String method, String uri, Map<String, List<String>> headers,
			int bodyBytes) {

		List<String> headers(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		Optional<CallerIdentity> identity(SignedIdentities verifier) {
			List<String> values = headers(IDENTITY);
			return values.isEmpty() ? Optional.empty() : verifier.verify(values.get(0));
		}

	}

}
