package dk.sammen.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dk.sammen.localstack.KafkaBroker;
import dk.sammen.platform.identity.ApiKeySecrets;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud Gateway's Redis limiter against a real redis-server: two gateways, each its own
 * application context and port, take from one budget, and a Redis outage lets requests through.
 */
class RedisRateLimitIntegrationTest {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final String ADMIN_KEY = ApiKeySecrets.newKey();

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private static final AtomicInteger clients = new AtomicInteger();

	private static final EchoBackend backend = EchoBackend.start("service");

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoGateways() {
		first = startGateway();
		second = startGateway();
	}

	@AfterAll
	static void stopGateways() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
		backend.close();
	}

	@Test
	void sharesOneReadBudget_betweenTwoGateways() {
		String address = newClient();

		int allowed = sendUntilRefused(first, HttpMethod.GET, address, null);
		assertThat(allowed).as("the burst capacity, plus at most a second's refill").isBetween(5, 6);

		// Redis refills whole tokens per second, so one may have come back since; a budget of its own would show 4
		EntityExchangeResult<byte[]> other = send(second, HttpMethod.GET, address, null);
		assertThat(other.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(sendUntilRefused(second, HttpMethod.GET, address, null)).isLessThanOrEqualTo(1);
	}

	@Test
	void answers429Problem_fromTheRedisLimiter() {
		String address = newClient();
		sendUntilRefused(first, HttpMethod.GET, address, null);

		EntityExchangeResult<byte[]> refused = send(second, HttpMethod.GET, address, null);
		if (refused.getStatus() != HttpStatus.TOO_MANY_REQUESTS) {
			// Redis refills whole tokens per second: one may have come back, and the shared budget is empty again after it
			refused = send(second, HttpMethod.GET, address, null);
		}

		assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		HttpHeaders headers = refused.getResponseHeaders();
		assertThat(headers.getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("5");
		assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
		assertThat(new String(refused.getResponseBody(), StandardCharsets.UTF_8))
			.contains("\"type\":\"https://sammen.dk/problems/rate-limited\"");
	}

	@Test
	void sharesOneWriteBudget_perApiKey() {
		int allowed = sendUntilRefused(first, HttpMethod.POST, newClient(), ADMIN_KEY);
		assertThat(allowed).isBetween(3, 4);

		// the same key from another address and through the other gateway
		EntityExchangeResult<byte[]> other = send(second, HttpMethod.POST, newClient(), ADMIN_KEY);
		assertThat(other.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
	}

	@Test
	void letsRequestsThrough_whileRedisIsDown() throws IOException {
		MeterRegistry meters = first.getBean(MeterRegistry.class);
		double before = meters.counter("sammen.gateway.rate.limiter.errors", "kind", "read", "limiter", "redis").count();
		redis.stop();
		try {
			EntityExchangeResult<byte[]> unchecked = send(first, HttpMethod.GET, newClient(), null);

			assertThat(unchecked.getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(unchecked.getResponseHeaders().containsHeader("X-RateLimit-Remaining")).isFalse();
			assertThat(meters.counter("sammen.gateway.rate.limiter.errors", "kind", "read", "limiter", "redis").count())
				.isGreaterThan(before);
		}
		finally {
			redis.start();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> send(first, HttpMethod.GET, newClient(), null).getResponseHeaders()
				.containsHeader("X-RateLimit-Remaining"));
	}

	@Test
	void usesTheRedisLimiter_whenEnabled() {
		assertThat(first.getBeanNamesForType(RateLimiter.class)).containsExactly("redisRateLimiter");
		assertThat(first.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class);
	}

	private static ConfigurableApplicationContext startGateway() {
		// command-line arguments, so that they win over application.yml
		return new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + KafkaBroker.shared().bootstrapServers(),
				"--sammen.gateway.admin-key=" + ADMIN_KEY,
				"--sammen.gateway.services.events-uri=" + backend.uri(),
				"--sammen.gateway.services.campaign-uri=" + backend.uri(),
				"--sammen.gateway.services.notification-uri=" + backend.uri(),
				"--sammen.gateway.rate-limit.redis.enabled=true", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redis.port(), "--sammen.gateway.rate-limit.trusted-proxies=1",
				"--sammen.gateway.rate-limit.reads.replenish-rate=1", "--sammen.gateway.rate-limit.reads.burst-capacity=5",
				"--sammen.gateway.rate-limit.writes.replenish-rate=1",
				"--sammen.gateway.rate-limit.writes.burst-capacity=3");
	}

	private static WebTestClient client(ConfigurableApplicationContext gateway) {
		int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	/** Sends the request until it is refused; returns how many were allowed before. */
	private static int sendUntilRefused(ConfigurableApplicationContext gateway, HttpMethod method, String address,
			@Nullable String key) {
		for (int allowed = 0; allowed < 50; allowed++) {
			if (send(gateway, method, address, key).getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
				return allowed;
			}
		}
		throw new AssertionError(method + " was never refused");
	}

	private static EntityExchangeResult<byte[]> send(ConfigurableApplicationContext gateway, HttpMethod method,
			String address, @Nullable String key) {
		String path = (method == HttpMethod.GET) ? "/api/v1/events" : "/api/v1/admin/organisations";
		WebTestClient.RequestBodySpec request = client(gateway).method(method)
			.uri(path)
			.header(X_FORWARDED_FOR, address);
		if (key != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
		}
		return request.exchange().expectBody().returnResult();
	}

	/** A client address no other test uses (TEST-NET-3). */
	private static String newClient() {
		int n = clients.incrementAndGet();
		return "203.0." + (113 + n / 250) + "." + (1 + n % 250);
	}

}
