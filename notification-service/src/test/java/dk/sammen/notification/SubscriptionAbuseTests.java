package dk.sammen.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dk.sammen.notification.subscription.Subscriber;
import dk.sammen.notification.subscription.SubscriberStatus;
import dk.sammen.platform.test.BodyMutator;
import dk.sammen.platform.test.FuzzAnswers;
import dk.sammen.platform.test.Mutant;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
 * Bad input and abuse of the subscription API (OWASP API8, API3): subscription tokens — confirmed, used
 * to read and erase, tampered with — never appear in notification-service's output, with the shipped
 * log levels and Sammen's own loggers at DEBUG; and seeded mutations of subscribe bodies are never a
 * 5xx, every 4xx is problem+json, and only well-formed addresses from accepted requests are stored.
 * {@code -Dsammen.fuzz.tries=N} and {@code -Dsammen.fuzz.seed=S} as for events-service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.notification.editions.scheduled=false", "logging.level.dk.sammen=DEBUG",
				"sammen.notification.links.base-url=https://sammen.example" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class SubscriptionAbuseTests {

	static final GreenMail mailbox = NotificationTestKit.startMailbox();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		NotificationTestKit.infrastructure(registry, "secrets", () -> mailbox.getSmtp().getPort());
	}

	@AfterAll
	static void stopMailbox() {
		mailbox.stop();
	}

	static final int TRIES = FuzzAnswers.tries(600);

	static final long SEED = FuzzAnswers.seed();

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern ADDRESS = Pattern.compile("^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9.-]+\\.[a-z0-9-]+$");

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void subscribe_mutatedBodies_neverServerErrorAndStoreOnlyValidSubscribers() {
		Random random = new Random(SEED);
		WebTestClient client = this.http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		List<String> failures = new ArrayList<>();
		Set<String> accepted = new HashSet<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		long before = stored();
		for (int i = 0; i < TRIES; i++) {
			Map<String, Object> valid = new LinkedHashMap<>(subscription(
					"fuzz-" + i + "-" + Long.toHexString(SEED) + "@example.dk", List.of("0101"),
					List.of("danmark-spiser-sammen"), "da", "weekly"));
			valid.put("regions", List.of("1084"));
			Mutant mutant = BodyMutator.mutate(random, valid);
			EntityExchangeResult<byte[]> answer = client.post().uri("/api/v1/subscriptions")
				.header("Content-Type", mutant.contentType())
				.header("X-Forwarded-For", "203.0.113.7, 10.1." + (i / 250) + "." + (i % 250))
				.bodyValue(mutant.bytes()).exchange().expectBody().returnResult();
			int status = answer.getStatus().value();
			statuses.merge(status, 1, Integer::sum);
			String fault = FuzzAnswers.fault(mutant, answer, Set.of(202));
			if (fault != null) {
				failures.add("try " + i + ": " + fault);
			}
			else if (status == 202) {
				try {
					accepted.add(JSON.readTree(mutant.bytes()).get("email").asString().trim()
						.toLowerCase(java.util.Locale.ROOT));
				}
				catch (RuntimeException ex) {
					failures.add("try " + i + ": 202 for a body without a readable email: " + mutant.excerpt());
				}
			}
		}
		System.out.println("SubscriptionAbuseTests subscribe: seed " + SEED + ", " + TRIES + " tries, answers " + statuses);
		assertThat(failures).as("seed %d (-Dsammen.fuzz.seed=%d)", SEED, SEED).isEmpty();
		assertThat(statuses).as("answers of %d tries", TRIES).containsKeys(202, 400);
		List<Subscriber> fuzzed = this.mongo.findAll(Subscriber.class)
			.filter((subscriber) -> !subscriber.email().startsWith("secrets-")).collectList().block();
		assertThat(stored() - before).isLessThanOrEqualTo(accepted.size());
		for (Subscriber subscriber : fuzzed) {
			assertThat(accepted).as("stored only from an accepted request").contains(subscriber.email());
			assertThat(subscriber.email()).matches(ADDRESS);
			assertThat(subscriber.status()).isEqualTo(SubscriberStatus.PENDING);
		}
	}

	private long stored() {
		return this.mongo.count(new Query(), Subscriber.class).block();
	}

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
