package dk.sammen.events;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the whole service on a random port, over TCP to the real
 * MongoDB-wire server and a real Kafka broker. Callers are identified the way the gateway does
 * it, with a signed identity header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EventsIntegrationTest {

	public static final String IDENTITY = "X-Sammen-Identity";

	@LocalServerPort
	int port;

	@Autowired
	protected SignedIdentities identities;

	protected WebTestClient http;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MongoWireServer.shared().connectionString() + "/sammen-events-test");
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		// shorter than the 2 s default so change-feed tests wait less; writes acknowledged later than
		// half of it are re-stamped, which a loaded test machine then exercises as well
		registry.add("sammen.events.changes.settle-lag", () -> "500ms");
	}

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	protected String admin() {
		return api().admin();
	}

	protected Partner newPartner() {
		return api().newPartner();
	}

	protected JsonNode createEvent(Partner partner, Map<String, Object> body) {
		return api().createEvent(partner, body);
	}

	protected JsonNode publish(Partner partner, String id) {
		return api().publish(partner, id);
	}

	/** Posts the event as a draft and publishes it; returns its id. */
	protected String publishedEvent(Partner partner, Map<String, Object> body) {
		String id = createEvent(partner, body).get("id").asString();
		publish(partner, id);
		return id;
	}

	/** The public listing for a query string that is already encoded, so the URI is taken as it is. */
	protected JsonNode publicListing(String query) {
		return this.http.get().uri(URI.create(baseUrl() + "/api/v1/events?" + query)).exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private EventsApi api() {
		return new EventsApi(this.http, this.identities);
	}

	/** An organisation as a test sees it: its id and a signed identity header for its key. */
	public record Partner(String id, String header, JsonNode registration) {
	}

	/** A random CVR number that passes the modulus-11 check. */
	public static String randomCvr() {
		int[] weights = { 2, 7, 6, 5, 4, 3, 2, 1 };
		while (true) {
			StringBuilder digits = new StringBuilder();
			digits.append(1 + ThreadLocalRandom.current().nextInt(9));
			for (int i = 1; i < 7; i++) {
				digits.append(ThreadLocalRandom.current().nextInt(10));
			}
			int sum = 0;
			for (int i = 0; i < 7; i++) {
				sum += (digits.charAt(i) - '0') * weights[i];
			}
			int check = (11 - sum % 11) % 11;
			if (check < 10) {
				return digits.append(check).toString();
			}
		}
	}

	/** The event of CONTRACT section 3, a Danmark Spiser Sammen meal in week 17 of 2027. */
	public static Map<String, Object> meal() {
		return new java.util.LinkedHashMap<>(Map.ofEntries(Map.entry("title", "Fællesspisning i Medborgerhuset"),
				Map.entry("description", "Plain text; a small safe subset of HTML may be kept"),
				Map.entry("programme", "danmark-spiser-sammen"), Map.entry("campaign", "vaer-en-som-raekker-ud"),
				Map.entry("startsAt", "2027-04-29T17:30:00+02:00"), Map.entry("endsAt", "2027-04-29T20:00:00+02:00"),
				Map.entry("location",
						Map.of("venue", "Medborgerhuset", "street", "Nørregade 1", "postalCode", "7500", "city",
								"Holstebro", "kommuneCode", "0661", "lat", 56.36, "lon", 8.62)),
				Map.entry("arenas", java.util.List.of("fritid-og-faellesskaber")),
				Map.entry("interventionTypes", java.util.List.of("socialt-netvaerk")),
				Map.entry("targetGroups", java.util.List.of("aeldre", "alle")),
				Map.entry("languages", java.util.List.of("da")), Map.entry("priceDkk", 0), Map.entry("capacity", 40),
				Map.entry("registrationUrl", "https://example.dk/tilmeld"),
				Map.entry("accessibility", java.util.List.of("wheelchair"))));
	}

}
