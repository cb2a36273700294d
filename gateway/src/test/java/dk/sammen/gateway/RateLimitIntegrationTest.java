package dk.sammen.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.localstack.KafkaBroker;
import dk.sammen.platform.identity.ApiKeySecrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limiting as a client sees it, with the in-memory limiter and small budgets. The gateway
 * trusts one proxy here, so each test can act as clients of its own through
 * {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.gateway.rate-limit.reads.replenish-rate=1",
				"sammen.gateway.rate-limit.reads.burst-capacity=5", "sammen.gateway.rate-limit.writes.replenish-rate=1",
				"sammen.gateway.rate-limit.writes.burst-capacity=3", "sammen.gateway.rate-limit.trusted-proxies=1" })
@AutoConfigureWebTestClient
class RateLimitIntegrationTest {

	private static final String ADMIN_KEY = ApiKeySecrets.newKey();

	/** Where the trusted proxy names the client. */
	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger clients = new AtomicInteger();

	private static final EchoBackend events = EchoBackend.start("events-service");

	private static final EchoBackend campaigns = EchoBackend.start("campaign-service");

	private static final EchoBackend notifications = EchoBackend.start("notification-service");

	private static ApiKeyTopic topic;

	@Autowired
	private WebTestClient client;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
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

	@Test
	void answers429Problem_whenAClientsReadsExceedTheBurst() {
		String address = newClient();

		Refusal refusal = sendUntilRefused(HttpMethod.GET, "/api/v1/events", address, null);

		assertThat(refusal.allowed()).as("the burst capacity, plus what refilled meanwhile").isGreaterThanOrEqualTo(5);
		EntityExchangeResult<byte[]> refused = refusal.result();
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("5");
		JsonNode problem = JSON.readTree(refused.getResponseBodyContent());
		assertThat(problem.path("type").asString()).isEqualTo("https://sammen.dk/problems/rate-limited");
		assertThat(problem.path("status").asInt()).isEqualTo(429);
		assertThat(problem.path("title").asString()).isEqualTo("Too many requests");
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/events");
		assertThat(problem.path("detail").asString()).startsWith("Too many reads from this address")
			.endsWith("retry in 1 s");
	}

	@Test
	void answersOtherClients_whileOneIsLimited() {
		String limited = newClient();
		sendUntilRefused(HttpMethod.GET, "/api/v1/campaigns", limited, null);

		this.client.get()
			.uri("/api/v1/campaigns")
			.header(X_FORWARDED_FOR, newClient())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "4")
			.expectHeader()
			.valueEquals("X-RateLimit-Burst-Capacity", "5");
	}

	@Test
	void limitsTheFeed_whichTheGatewayServesItself() {
		Refusal refusal = sendUntilRefused(HttpMethod.GET, "/api/v1/feed.ics?kommune=0101", newClient(), null);

		assertThat(refusal.allowed()).isGreaterThanOrEqualTo(5);
		assertThat(refusal.result().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

	@Test
	void letsAnotherSiteSeeTheRefusal_ofAFeedRead() {
		String address = newClient();
		sendUntilRefused(HttpMethod.GET, "/api/v1/feed", address, null);

		this.client.get()
			.uri("/api/v1/feed")
			.header(X_FORWARDED_FOR, address)
			.header(HttpHeaders.ORIGIN, "https://www.holstebro.dk")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, (exposed) -> assertThat(exposed).contains("Retry-After"));
	}

	@Test
	void limitsWrites_perApiKey() {
		String address = newClient();
		Refusal refusal = sendUntilRefused(HttpMethod.POST, "/api/v1/admin/organisations", address, ADMIN_KEY);
		assertThat(refusal.allowed()).isGreaterThanOrEqualTo(3);
		assertThat(JSON.readTree(refusal.result().getResponseBodyContent()).path("detail").asString())
			.startsWith("Too many writes with this API key");

		String keyId = "k-" + UUID.randomUUID();
		String partnerKey = topic.issue(keyId, "org-" + keyId, "partner");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> status(HttpMethod.POST, "/api/v1/events", address, partnerKey) != HttpStatus.UNAUTHORIZED);

		assertThat(status(HttpMethod.POST, "/api/v1/events", address, partnerKey)).as("another key, same address")
			.isEqualTo(HttpStatus.OK);
		assertThat(status(HttpMethod.POST, "/api/v1/subscriptions", address, null)).as("no key, same address")
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void keepsReadsAndWrites_apart() {
		String address = newClient();
		sendUntilRefused(HttpMethod.GET, "/api/v1/subscriptions/me?token=t", address, null);

		assertThat(status(HttpMethod.DELETE, "/api/v1/subscriptions/me?token=t", address, null)).isEqualTo(HttpStatus.OK);
	}

	@Test
	void refusesWritesToUnknownPaths_too() {
		Refusal refusal = sendUntilRefused(HttpMethod.POST, "/api/v1/nothing-here", newClient(), null);

		assertThat(refusal.allowed()).as("each answered 404 until the budget was used up").isGreaterThanOrEqualTo(3);
	}

	@Test
	void neverLimits_theActuator() {
		String address = newClient();
		for (int i = 0; i < 20; i++) {
			this.client.get()
				.uri("/actuator/health/liveness")
				.header(X_FORWARDED_FOR, address)
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	@Test
	void countsRefusedRequests_byKindAndLimiter() {
		sendUntilRefused(HttpMethod.GET, "/api/v1/events", newClient(), null);
		sendUntilRefused(HttpMethod.PUT, "/api/v1/events/e1", newClient(), null);

		String metrics = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(metrics).containsPattern("(?m)^sammen_gateway_rate_limited_total\\{kind=\"read\",limiter=\"memory\"} [1-9]")
			.containsPattern("(?m)^sammen_gateway_rate_limited_total\\{kind=\"write\",limiter=\"memory\"} [1-9]")
			.containsPattern("(?m)^sammen_gateway_rate_limiter_errors_total\\{kind=\"read\",limiter=\"memory\"} 0");
	}

	@Test
	void leavesRedisOut_whenTheSharedLimiterIsOff() {
		assertThat(this.context.getBeanNamesForType(RateLimiter.class)).containsExactly("inMemoryRateLimiter");
		assertThat(this.context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanDefinitionNames()).as("no Redis health check, template or script either")
			.noneMatch((name) -> name.toLowerCase(Locale.ROOT).contains("redis"));
	}

	/** Sends the same request until it is refused, at most a few times the burst. */
	private Refusal sendUntilRefused(HttpMethod method, String path, String address, @Nullable String key) {
		for (int allowed = 0; allowed < 50; allowed++) {
			EntityExchangeResult<byte[]> result = send(method, path, address, key);
			if (result.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
				return new Refusal(allowed, result);
			}
		}
		throw new AssertionError(method + " " + path + " was never refused");
	}

	private HttpStatus status(HttpMethod method, String path, String address, @Nullable String key) {
		return HttpStatus.valueOf(send(method, path, address, key).getStatus().value());
	}

	private EntityExchangeResult<byte[]> send(HttpMethod method, String path, String address, @Nullable String key) {
		WebTestClient.RequestBodySpec request = this.client.method(method)
			.uri(path)
			.header(X_FORWARDED_FOR, address);
		if (key != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
		}
		if (method == HttpMethod.POST || method == HttpMethod.PUT) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
		}
		return request.exchange().expectBody().returnResult();
	}

	/** A client address no other test uses (TEST-NET-2). */
	private static String newClient() {
		int n = clients.incrementAndGet();
		return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
	}

	private record Refusal(int allowed, EntityExchangeResult<byte[]> result) {
	}

}
