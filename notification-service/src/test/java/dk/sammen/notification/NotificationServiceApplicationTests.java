package dk.sammen.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.identity.SignedIdentities;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on the real infrastructure of the local stack: the MongoDB-wire server and an
 * Apache Kafka broker process, as {@code bin/local-stack} runs them. No Docker needed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = OperationalEndpointChecks.TEST_PROPERTIES)
@AutoConfigureWebTestClient
class NotificationServiceApplicationTests extends OperationalEndpointChecks {

	static {
		// A blocking call on an event-loop thread fails the request it happens in
		BlockHound.install();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri",
				() -> MongoWireServer.shared().connectionString() + "/sammen-notification-test");
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
	}

	@Value("${sammen.identity.signing-key}")
	String signingKey;

	@Test
	void answers404Problem_onUnknownPath() {
		this.http.get()
			.uri("/api/v1/no-such-thing")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.title")
			.exists()
			.jsonPath("$.type")
			.exists();
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
		this.http.get()
			.uri("/api/v1/subscriptions/me")
			.header("X-Sammen-Identity", identityHeader)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
	}

}
