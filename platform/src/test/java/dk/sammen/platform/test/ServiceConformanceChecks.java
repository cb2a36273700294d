package dk.sammen.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What holds for every Sammen service, whatever infrastructure it is started on: the probes and
 * metrics an orchestrator and Prometheus rely on (CONTRACT section 1), problem+json for unknown
 * paths, and no trust in an identity the gateway did not sign. Subclasses start the application
 * with {@link #TEST_PROPERTIES} and an auto-configured {@link WebTestClient}.
 */
public abstract class ServiceConformanceChecks {

	/** Health components are hidden in production; shown here to prove that readiness waits for MongoDB. */
	public static final String TEST_PROPERTIES = "management.endpoint.health.show-components=always";

	@Autowired
	protected WebTestClient http;

	@Value("${sammen.identity.signing-key}")
	String signingKey;

	/** The {@code spring.application.name}, which tags every metric. */
	protected abstract String applicationName();

	/** A path of the service that reads the caller's identity. */
	protected abstract String identityCheckedPath();

	@Test
	void reportsUp_onLivenessProbe() {
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void reportsUp_onReadinessProbeWithMongoReachable() {
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.mongo.status").isEqualTo("UP");
	}

	@Test
	void exposesMetrics_onPrometheusScrape() {
		this.http.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange().expectStatus().isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("jvm_memory_used_bytes")
				.contains("application=\"" + applicationName() + "\""));
	}

	@Test
	void answers404Problem_onUnknownPath() {
		this.http.get().uri("/api/v1/no-such-thing").exchange().expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(404)
			.jsonPath("$.title").exists()
			.jsonPath("$.detail").exists()
			.jsonPath("$.type").exists();
	}

	@Test
	void answers414Problem_onTooLongQueryString() {
		OversizedRequests.assertUriTooLongIsProblem(this.http, identityCheckedPath());
	}

	@Test
	void answers431Problem_onTooLargeHeaders() {
		OversizedRequests.assertHeadersTooLargeIsProblem(this.http, identityCheckedPath());
	}

	@Test
	void answers401Problem_onIdentitySignedWithAnotherKey() {
		SignedIdentities forger = new SignedIdentities("an-attacker-guessing-the-signing-key-0123456789",
				Duration.ofMinutes(1), Clock.systemUTC());
		assertUnauthorized(forger.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "key-forged")));
	}

	@Test
	void answers401Problem_onExpiredIdentity() {
		Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
		SignedIdentities gateway = new SignedIdentities(this.signingKey, Duration.ofMinutes(1), anHourAgo);
		assertUnauthorized(gateway.sign(new CallerIdentity("org-1", Role.PARTNER, "key-1")));
	}

	@Test
	void answers401Problem_onMalformedIdentity() {
		assertUnauthorized("v1.not-base64!.AAAA");
	}

	private void assertUnauthorized(String identityHeader) {
		this.http.get().uri(identityCheckedPath()).header("X-Sammen-Identity", identityHeader).exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(401);
	}

}
