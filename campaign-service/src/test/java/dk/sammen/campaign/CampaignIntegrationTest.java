package dk.sammen.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import dk.sammen.contracts.Topics;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the whole service on a random port, over TCP to the real
 * MongoDB-wire server and a real Kafka broker. Callers are identified the way the gateway does it;
 * the clock can be moved (it starts at the real time for every test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sammen.consumer.initial-backoff=50ms", "sammen.consumer.max-backoff=200ms" })
@Import(CampaignIntegrationTest.TestClock.class)
public abstract class CampaignIntegrationTest {

	public static final String IDENTITY = "X-Sammen-Identity";

	public static final String DATABASE = "sammen-campaign-it";

	@LocalServerPort
	int port;

	@Autowired
	protected SignedIdentities identities;

	@Autowired
	protected MutableClock clock;

	protected WebTestClient http;

	static {
		createEventsTopic();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> MongoWireServer.shared().connectionString() + "/" + DATABASE);
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
	}

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@AfterEach
	void realTime() {
		this.clock.reset();
	}

	/** The topic events-service owns, as it declares it: 6 partitions. */
	public static void createEventsTopic() {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(java.util.List.of(new NewTopic(Topics.EVENTS, 6, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException(ex);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected String admin() {
		return this.identities.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "bootstrap"));
	}

	protected String caller(String organisationId, Role role) {
		return this.identities.sign(new CallerIdentity(organisationId, role, "key-" + organisationId));
	}

	/** A new campaign with a random slug and {@code editors}; returns its slug. */
	protected String newCampaign(String... editors) {
		String slug = "kampagne-" + UUID.randomUUID().toString().substring(0, 8);
		this.http.post().uri("/api/v1/campaigns").header(IDENTITY, admin())
			.bodyValue(campaign(slug, editors)).exchange().expectStatus().isEqualTo(HttpStatus.CREATED);
		return slug;
	}

	public static Map<String, Object> campaign(String slug, String... editors) {
		return new java.util.LinkedHashMap<>(Map.of("slug", slug, "name", "Tal om ensomhed", "owner",
				"Social- og Boligstyrelsen", "description", "<p>En kampagne</p><script>alert(1)</script>", "startsOn",
				"2025-01-01", "themes", java.util.List.of("anti-stigma"), "links",
				java.util.List.of(Map.of("title", "Om kampagnen", "url", "https://example.dk/kampagne")), "editors",
				java.util.List.of(editors)));
	}

	protected JsonNode getJson(String uri, Object... variables) {
		return this.http.get().uri(uri, variables).exchange().expectStatus().isOk().expectBody(JsonNode.class)
			.returnResult().getResponseBody();
	}

	/** A clock the tests move; everything in the application reads time from it. */
	public static final class MutableClock extends Clock {

		private volatile Instant fixed;

		void reset() {
			this.fixed = null;
		}

		public void set(Instant instant) {
			this.fixed = instant;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("the application works in UTC instants");
		}

		@Override
		public Instant instant() {
			Instant current = this.fixed;
			return (current != null) ? current : Instant.now();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		MutableClock clock() {
			return new MutableClock();
		}

	}

}
