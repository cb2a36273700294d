package dk.sammen.gateway.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import dk.sammen.gateway.ClientAddresses;
import dk.sammen.localstack.KafkaBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of SSE connections is bounded: per client address (429) and per gateway (503), both as
 * problems with {@code Retry-After}, and a closed stream frees its place again. Addresses come
 * from {@code X-Forwarded-For} behind one trusted proxy, as in production; rate limiting is off, so
 * only the stream's own bounds refuse.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.gateway.feed.stream-max-clients=3", "sammen.gateway.feed.stream-max-clients-per-address=2",
				"sammen.gateway.rate-limit.trusted-proxies=1", "sammen.gateway.feed.stream-retry=7s",
				// the bounds hold without the rate limits, by the same address rule
				"sammen.gateway.rate-limit.enabled=false" })
@AutoConfigureWebTestClient
class FeedStreamFloodIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String STREAM = "/api/v1/feed/stream";

	@Autowired
	private WebTestClient client;

	private final List<Disposable> connections = new ArrayList<>();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		FeedTopics.create(KafkaBroker.shared().bootstrapServers());
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
	}

	@AfterEach
	void disconnect() {
		this.connections.forEach(Disposable::dispose);
	}

	@Test
	void connect_beyondBoundsPerAddressAndGateway_refusedAndClosingFreesAPlace() {
		Disposable first = open("203.0.113.7");
		open("203.0.113.7");

		refused("203.0.113.7", HttpStatus.TOO_MANY_REQUESTS, "too-many-streams");
		open("198.51.100.1");
		refused("192.0.2.5", HttpStatus.SERVICE_UNAVAILABLE, "stream-capacity");

		first.dispose();
		// the gateway learns of the hang-up from the socket, so the place frees up shortly after
		await().atMost(WAIT).until(() -> tryOpen("203.0.113.7") != null);
	}

	@Test
	void connect_invalidQuery_refusedBeforeCountingAConnection() {
		for (int i = 0; i < 5; i++) {
			this.client.get()
				.uri(STREAM + "?kommune=9999")
				.header(ClientAddresses.X_FORWARDED_FOR, "192.0.2.99")
				.exchange()
				.expectStatus()
				.isBadRequest();
		}
		open("192.0.2.99");
		open("192.0.2.99");
	}

	/** Opens a stream from the address and waits for its opening comment. */
	private Disposable open(String address) {
		Disposable connection = tryOpen(address);
		assertThat(connection).as("a stream from %s", address).isNotNull();
		return connection;
	}

	/** A stream from the address that got its opening comment, or {@code null} if it was refused. */
	private @Nullable Disposable tryOpen(String address) {
		FluxExchangeResult<ServerSentEvent<String>> result = this.client.mutate()
			.responseTimeout(Duration.ofMinutes(2))
			.build()
			.get()
			.uri(STREAM)
			.header(ClientAddresses.X_FORWARDED_FOR, address)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			});
		if (!result.getStatus().is2xxSuccessful()) {
			result.getResponseBody().subscribe().dispose();
			return null;
		}
		List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
		Disposable connection = result.getResponseBody().subscribe(received::add, (error) -> {
		});
		this.connections.add(connection);
		await().atMost(WAIT).until(() -> !received.isEmpty());
		return connection;
	}

	private void refused(String address, HttpStatus status, String type) {
		this.client.get()
			.uri(STREAM)
			.header(ClientAddresses.X_FORWARDED_FOR, address)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "7")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/" + type)
			.jsonPath("$.status")
			.isEqualTo(status.value());
	}

}
