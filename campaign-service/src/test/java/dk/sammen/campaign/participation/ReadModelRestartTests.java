package dk.sammen.campaign.participation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.campaign.CampaignIntegrationTest;
import dk.sammen.campaign.CampaignServiceApplication;
import dk.sammen.campaign.EventsTopic;
import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dk.sammen.campaign.EventsTopic.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model lives in MongoDB and the consumer resumes from its committed offsets: after a
 * restart nothing is lost or counted twice, including a CloudEvent redelivered while it was down.
 */
class ReadModelRestartTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String database = "sammen-campaign-restart-" + UUID.randomUUID();

	private final String group = "campaign-restart-" + UUID.randomUUID();

	@Test
	void stats_afterRestartWithRedeliveryWhileDown_countEachEventOnce() {
		CampaignIntegrationTest.createEventsTopic();
		Instant startsAt = Instant.now().plus(10, ChronoUnit.DAYS);
		String slug = "restart-" + UUID.randomUUID().toString().substring(0, 8);
		EventSnapshotV1 first = event(UUID.randomUUID().toString(), "org-1", "published", 2, "other", slug, startsAt,
				"0661", "1082");
		String firstCeId = UUID.randomUUID().toString();
		byte[] firstPayload = json.writeValueAsBytes(new EventPublishedV1(first));
		try (EventsTopic topic = new EventsTopic()) {
			try (ConfigurableApplicationContext running = start()) {
				WebTestClient http = client(running);
				http.post().uri("/api/v1/campaigns").header(CampaignIntegrationTest.IDENTITY, admin(running))
					.bodyValue(CampaignIntegrationTest.campaign(slug)).exchange().expectStatus().isEqualTo(HttpStatus.CREATED);
				topic.send(firstCeId, CloudEventTypes.EVENT_PUBLISHED_V1, first.id(), firstPayload, null);
				topic.published(event(UUID.randomUUID().toString(), "org-2", "published", 2, "other", slug, startsAt,
						"0101", "1084"));
				awaitPublished(http, slug, 2);
			}
			topic.send(firstCeId, CloudEventTypes.EVENT_PUBLISHED_V1, first.id(), firstPayload, null);
			topic.published(event(UUID.randomUUID().toString(), "org-3", "published", 2, "other", slug, startsAt,
					"0851", "1081"));
			try (ConfigurableApplicationContext restarted = start()) {
				WebTestClient http = client(restarted);
				JsonNode stats = awaitPublished(http, slug, 3);
				assertThat(stats.get("participatingOrganisations").asInt()).isEqualTo(3);
				assertThat(stats.get("partnerEvents").get("byRegion").size()).isEqualTo(3);
				http.get().uri("/api/v1/campaigns/vaer-en-som-raekker-ud").exchange().expectStatus().isOk();
			}
		}
	}

	private JsonNode awaitPublished(WebTestClient http, String slug, int published) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = http.get().uri("/api/v1/campaigns/{slug}/stats", slug).exchange().expectStatus().isOk()
				.expectBody(JsonNode.class).returnResult().getResponseBody();
			return last[0].get("partnerEvents").get("published").asInt() >= published;
		});
		assertThat(last[0].get("partnerEvents").get("published").asInt()).isEqualTo(published);
		return last[0];
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(CampaignServiceApplication.class).run("--server.port=0",
				"--spring.mongodb.uri=" + MongoWireServer.shared().connectionString() + "/" + this.database,
				"--spring.kafka.bootstrap-servers=" + KafkaBroker.shared().bootstrapServers(),
				"--spring.kafka.consumer.group-id=" + this.group, "--sammen.outbox.poll-interval=200ms");
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static String admin(ConfigurableApplicationContext context) {
		return context.getBean(SignedIdentities.class)
			.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "bootstrap"));
	}

}
