package dk.sammen.localstack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeederTest {

	private static final String ADMIN_KEY = "admin-key";

	private static final ZonedDateTime SEED_TIME = ZonedDateTime.of(2026, 5, 20, 9, 0, 0, 0, SeedEvent.DANISH_TIME);

	private final FakeGateway gateway = new FakeGateway();

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@BeforeEach
	void startGateway() throws IOException {
		this.gateway.start();
	}

	@AfterEach
	void stopGateway() {
		this.gateway.stop();
	}

	@Test
	void seed_retriesWhileTheGatewayDoesNotKnowTheNewKeyYet() throws IOException {
		this.gateway.unknownKeyAnswers = 2;

		Seeder.Result result = seeder(Duration.ofSeconds(5)).seed(data(organisation("Holstebro Kommune", "20781068",
				event("Fællesspisning"), event("Gå-tur for alle"))), SEED_TIME);

		assertThat(result.organisations()).isEqualTo(1);
		assertThat(result.eventsPublished()).isEqualTo(2);
		assertThat(result.isComplete()).isTrue();
		assertThat(result.keys()).singleElement().satisfies((key) -> {
			assertThat(key.organisation()).isEqualTo("Holstebro Kommune");
			assertThat(key.apiKey()).isEqualTo("key-1");
		});
		assertThat(this.gateway.published).hasSize(2);
		assertThat(output()).contains("Holstebro Kommune: 2 of 2 events published");
	}

	@Test
	void seed_sendsTheContractBodiesWithTheRightKeys() throws IOException {
		seeder(Duration.ofSeconds(5)).seed(data(organisation("Holstebro Kommune", "20781068", event("Fællesspisning"))),
				SEED_TIME);

		assertThat(this.gateway.requests).extracting(Request::path)
			.containsExactly("/api/v1/admin/organisations", "/api/v1/events", "/api/v1/events/event-1/publish");
		Request organisation = this.gateway.requests.get(0);
		assertThat(organisation.authorization()).isEqualTo("Bearer " + ADMIN_KEY);
		assertThat(organisation.body().path("cvr").asText()).isEqualTo("20781068");
		Request event = this.gateway.requests.get(1);
		assertThat(event.authorization()).isEqualTo("Bearer key-1");
		assertThat(event.idempotencyKey()).isNotBlank();
		assertThat(event.body().properties()).extracting(Map.Entry::getKey)
			.containsExactlyElementsOf(SeedEvent.BODY_FIELDS);
		assertThat(event.body().path("startsAt").asText()).isEqualTo("2027-04-29T17:30:00+02:00");
	}

	@Test
	void seed_whenAnEventIsRejected_printsTheProblemAndGoesOn() throws IOException {
		Seeder.Result result = seeder(Duration.ofSeconds(5)).seed(data(organisation("Røde Kors Ringsted", "28728220",
				event("Afvist arrangement"), event("Samværscafé"))), SEED_TIME);

		assertThat(result.eventsPublished()).isEqualTo(1);
		assertThat(result.failures()).isEqualTo(1);
		assertThat(output()).contains("event 'Afvist arrangement': POST /api/v1/events → 422")
			.contains("startsAt must be in ISO week 17 or 45");
	}

	@Test
	void seed_whenAnOrganisationIsRejected_skipsItsEventsAndGoesOn() throws IOException {
		this.gateway.conflictingCvr = "28728220";

		Seeder.Result result = seeder(Duration.ofSeconds(5)).seed(
				data(organisation("Røde Kors Ringsted", "28728220", event("Samværscafé")),
						organisation("Holstebro Kommune", "20781068", event("Fællesspisning"))),
				SEED_TIME);

		assertThat(result.organisations()).isEqualTo(1);
		assertThat(result.eventsPublished()).isEqualTo(1);
		assertThat(result.failures()).isEqualTo(2);
		assertThat(output()).contains("organisation 'Røde Kors Ringsted': POST /api/v1/admin/organisations → 409");
	}

	@Test
	void seed_whenTheNewKeyIsNeverAccepted_givesUpAfterTheRetryBudget() throws IOException {
		this.gateway.unknownKeyAnswers = Integer.MAX_VALUE;

		Seeder.Result result = seeder(Duration.ofMillis(500)).seed(
				data(organisation("Holstebro Kommune", "20781068", event("Fællesspisning"))), SEED_TIME);

		assertThat(result.eventsPublished()).isZero();
		assertThat(output()).contains("POST /api/v1/events → 401");
	}

	@Test
	void seed_whenTheGatewayIsDown_reportsTheFailuresWithoutThrowing() throws IOException {
		this.gateway.stop();

		Seeder.Result result = seeder(Duration.ofSeconds(5)).seed(
				data(organisation("Holstebro Kommune", "20781068", event("Fællesspisning"))), SEED_TIME);

		assertThat(result.organisations()).isZero();
		assertThat(result.failures()).isEqualTo(2);
		assertThat(output()).contains("→ failed no answer");
	}

	private Seeder seeder(Duration retryBudget) {
		return new Seeder(this.gateway.uri(), ADMIN_KEY, new PrintStream(this.output, true, StandardCharsets.UTF_8),
				retryBudget);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	private static SeedData data(String... organisations) throws IOException {
		String json = "{\"organisations\": [" + String.join(",", organisations) + "]}";
		return SeedData.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
	}

	private static String organisation(String name, String cvr, String... events) {
		return """
				{"name": "%s", "cvr": "%s", "kind": "forening", "contactEmail": "test@example.dk",
				 "events": [%s]}""".formatted(name, cvr, String.join(",", events));
	}

	private static String event(String title) {
		return """
				{"title": "%s", "description": "Test", "programme": "danmark-spiser-sammen",
				 "startsAt": "2027-04-29T17:30:00+02:00", "endsAt": "2027-04-29T20:00:00+02:00",
				 "location": {"venue": "Medborgerhuset", "street": "Nørregade 1", "postalCode": "7500",
				   "city": "Holstebro", "kommuneCode": "0661", "lat": 56.43, "lon": 8.82846},
				 "arenas": ["fritid-og-faellesskaber"], "interventionTypes": ["socialt-netvaerk"],
				 "targetGroups": ["alle"], "languages": ["da"], "priceDkk": 0}""".formatted(title);
	}

	record Request(String path, String authorization, String idempotencyKey, JsonNode body) {
	}

	/** Answers like the gateway should, including 401s for a key it has not learnt yet. */
	static final class FakeGateway {

		final List<Request> requests = new CopyOnWriteArrayList<>();

		final List<String> published = new CopyOnWriteArrayList<>();

		volatile int unknownKeyAnswers;

		volatile String conflictingCvr = "";

		private final Map<String, AtomicInteger> keyUses = new ConcurrentHashMap<>();

		private final AtomicInteger ids = new AtomicInteger();

		private final ObjectMapper json = new ObjectMapper();

		private HttpServer server;

		void start() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		void stop() {
			this.server.stop(0);
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		}

		private void handle(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] bytes = exchange.getRequestBody().readAllBytes();
			JsonNode body = (bytes.length > 0) ? this.json.readTree(bytes) : this.json.createObjectNode();
			this.requests.add(new Request(path, authorization,
					String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")), body));
			if (path.equals("/api/v1/admin/organisations")) {
				if (body.path("cvr").asText().equals(this.conflictingCvr)) {
					answer(exchange, 409, "{\"title\":\"Conflict\",\"detail\":\"cvr already registered\"}");
					return;
				}
				int id = this.ids.incrementAndGet();
				answer(exchange, 201, "{\"id\":\"org-%d\",\"apiKey\":\"key-%d\"}".formatted(id, id));
				return;
			}
			if (this.keyUses.computeIfAbsent(authorization, (key) -> new AtomicInteger())
				.incrementAndGet() <= this.unknownKeyAnswers) {
				answer(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
				return;
			}
			if (path.equals("/api/v1/events")) {
				if (body.path("title").asText().startsWith("Afvist")) {
					answer(exchange, 422, """
							{"title":"Unprocessable","status":422,"errors":[{"field":"startsAt",\
							"message":"startsAt must be in ISO week 17 or 45"}]}""");
					return;
				}
				answer(exchange, 201, "{\"id\":\"event-%d\"}".formatted(this.published.size() + 1));
				return;
			}
			if (path.endsWith("/publish")) {
				this.published.add(path);
				answer(exchange, 200, "{\"status\":\"published\"}");
				return;
			}
			answer(exchange, 404, "{}");
		}

		private static void answer(HttpExchange exchange, int status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		}

	}

}
