package dk.sammen.events;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dk.sammen.platform.test.OversizedRequests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operators rely on: probes, the figures in /actuator/prometheus, and problems even for what Netty refuses. */
class OperationsTests extends EventsIntegrationTest {

	@Test
	void oversizedRequestLineAndHeaders_calledDirectly_areProblems() {
		OversizedRequests.assertUriTooLongIsProblem(this.http, "/api/v1/events");
		OversizedRequests.assertHeadersTooLargeIsProblem(this.http, "/api/v1/events");
	}

	@Test
	void probes_withMongoAndKafkaUp_areUp() {
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void prometheus_afterAPublish_showsEventAndOutboxMetrics() {
		Partner partner = newPartner();
		publish(partner, createEvent(partner, meal()).get("id").asString());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String metrics = this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(metrics).contains("sammen_events_published_total{application=\"events-service\",programme=\"danmark-spiser-sammen\"}")
				.contains("sammen_events_posted_total")
				.contains("sammen_outbox_backlog{application=\"events-service\",collection=\"events\"}")
				.contains("sammen_outbox_oldest_age_seconds")
				.contains("sammen_outbox_publish_latency_seconds_count")
				.contains("sammen_outbox_sent_total{application=\"events-service\",type=\"dk.sammen.event.published.v1\"}");
		});
	}

	@Test
	void openApi_describesTheEventsApi() {
		this.http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.paths['/api/v1/events']").exists()
			.jsonPath("$.paths['/api/v1/events/{id}/publish']").exists()
			.jsonPath("$.paths['/api/v1/events/changes'].get.parameters[?(@.name == 'since')]").exists()
			.jsonPath("$.paths['/api/v1/events/by-external-id/{externalId}'].put").exists();
	}

}
