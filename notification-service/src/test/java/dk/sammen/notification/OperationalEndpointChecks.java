package dk.sammen.notification;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an orchestrator and Prometheus rely on (CONTRACT section 1), checked the same way against
 * every kind of infrastructure the service is started with. Subclasses start the application with
 * {@link #TEST_PROPERTIES}.
 */
abstract class OperationalEndpointChecks {

	/** Health components are hidden in production; shown here to prove that readiness waits for MongoDB. */
	static final String TEST_PROPERTIES = "management.endpoint.health.show-components=always";

	@Autowired
	WebTestClient http;

	@Test
	void reportsUp_onLivenessProbe() {
		this.http.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void reportsUp_onReadinessProbeWithMongoReachable() {
		this.http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mongo.status")
			.isEqualTo("UP");
	}

	@Test
	void exposesMetrics_onPrometheusScrape() {
		this.http.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("jvm_memory_used_bytes")
				.contains("application=\"notification-service\""));
	}

}
