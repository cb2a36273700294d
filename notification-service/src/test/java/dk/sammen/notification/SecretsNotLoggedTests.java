package dk.sammen.notification;

import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dk.sammen.notification.NotificationTestKit.awaitMails;
import static dk.sammen.notification.NotificationTestKit.subscription;
import static dk.sammen.notification.NotificationTestKit.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets stay out of the logs (OWASP API8): subscription tokens — confirmed, used to read and erase,
 * tampered with — never appear in notification-service's output, with the shipped log levels and
 * Sammen's own loggers at DEBUG.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.notification.editions.scheduled=false", "logging.level.dk.sammen=DEBUG",
				"sammen.notification.links.base-url=https://sammen.example" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTests {

	static final GreenMail mailbox = NotificationTestKit.startMailbox();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri",
				() -> MongoWireServer.shared().connectionString() + "/sammen-notification-secrets-" + UUID.randomUUID());
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		registry.add("spring.kafka.consumer.group-id", () -> "notification-secrets-" + UUID.randomUUID());
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mailbox.getSmtp().getPort());
	}

	@AfterAll
	static void stopMailbox() {
		mailbox.stop();
	}

	@Autowired
	WebTestClient http;

	@Test
	void subscriptionTokens_usedAndTampered_neverAppearInTheOutput(CapturedOutput output) {
		String email = "secrets-" + UUID.randomUUID().toString().substring(0, 8) + "@example.dk";
		subscribe(email);
		String confirm = token(awaitMails(mailbox, email, 1).getFirst(), "confirm");
		this.http.get().uri("/api/v1/subscriptions/confirm?token={t}", confirm).exchange().expectStatus().isOk();
		this.http.post().uri("/api/v1/subscriptions/confirm?token={t}", confirm).exchange().expectStatus().isOk();
		subscribe(email);
		String manage = token(awaitMails(mailbox, email, 2).get(1), "me");
		String tampered = manage.substring(0, manage.length() - 2) + (manage.endsWith("A") ? "BB" : "AA");
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", tampered).exchange().expectStatus().isForbidden();
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", confirm).exchange().expectStatus()
			.is4xxClientError();
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", manage).exchange().expectStatus().isOk();
		this.http.delete().uri("/api/v1/subscriptions/me?token={t}", manage).exchange().expectStatus()
			.is2xxSuccessful();
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", manage).exchange().expectStatus()
			.is4xxClientError();

		assertThat(output.getAll()).as("notification-service's output").isNotEmpty()
			.doesNotContain(confirm, manage, tampered);
	}

	private void subscribe(String email) {
		this.http.post().uri("/api/v1/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(subscription(email, List.of("0101"), List.of(), "da", "weekly")).exchange()
			.expectStatus().isAccepted();
	}

}
