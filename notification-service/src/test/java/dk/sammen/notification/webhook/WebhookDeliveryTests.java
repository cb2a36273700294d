package dk.sammen.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.notification.NotificationTestKit;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery through the real broker to a real HTTPS receiver: retries with backoff, the signature
 * as an independent receiver checks it, redirects, turning a failing endpoint off with a mail to
 * the partner, and an attempt of a replica that died taken over after its lease.
 */
class WebhookDeliveryTests extends WebhookIntegrationTest {

	private static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

	@Autowired
	MeterRegistry meters;

	@Test
	void retriesWithBackoffAndDelivers_whenReceiverFailsFirstAttempts() throws Exception {
		String organisation = newOrganisation();
		String other = newOrganisation();
		receiver.script("/flaky", 200, 503, 500);
		receiver.script("/other", 200);
		JsonNode endpoint = register(organisation, receiver.url("/flaky"), List.of(CloudEventTypes.EVENT_PUBLISHED_V1));
		register(other, receiver.url("/other"), List.of(CloudEventTypes.EVENT_PUBLISHED_V1));
		String secret = endpoint.get("secret").asString();

		String ceId = publishEvent(organisation, "evt-" + organisation, CloudEventTypes.EVENT_PUBLISHED_V1);

		List<TestReceiver.Received> requests = await().atMost(PATIENCE).until(() -> receiver.at("/flaky"),
				(got) -> got.size() >= 3);
		assertThat(requests).hasSize(3);
		assertThat(requests).extracting((r) -> r.header("X-Sammen-Delivery")).containsOnly(requests.get(0).header("X-Sammen-Delivery"));
		assertThat(requests).extracting((r) -> r.header("X-Sammen-Delivery-Attempt")).containsExactly("1", "2", "3");
		assertThat(requests).allSatisfy((r) -> {
			assertThat(r.header("ce-specversion")).isEqualTo("1.0");
			assertThat(r.header("ce-id")).isEqualTo(ceId);
			assertThat(r.header("ce-type")).isEqualTo(CloudEventTypes.EVENT_PUBLISHED_V1);
			assertThat(r.header("ce-source")).isEqualTo("/sammen/events-service");
			assertThat(r.header("ce-subject")).isEqualTo("evt-" + organisation);
			assertThat(r.header("ce-time")).isNotBlank();
			assertThat(r.header("content-type")).startsWith("application/json");
			assertThat(r.header("host")).isEqualTo("127.0.0.1:" + receiver.port());
			assertThat(this.json.readTree(r.body()).get("event").get("organisationId").asString()).isEqualTo(organisation);
			assertThat(ReceiverSignatures.verify(r.header("X-Sammen-Signature"), r.body(), secret, r.at(), REPLAY_WINDOW))
				.as("signature of attempt %s", r.header("X-Sammen-Delivery-Attempt")).isTrue();
		});
		// backoff: at least half the configured pause (200 ms, then 400 ms) lies between attempts
		assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		assertThat(Duration.between(requests.get(1).at(), requests.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(receiver.at("/other")).as("another organisation's endpoint gets nothing of this event").isEmpty();

		JsonNode log = await().atMost(PATIENCE).until(() -> get(organisation, "/" + endpoint.get("id").asString() + "/deliveries"),
				(page) -> page.get("items").size() == 1 && page.get("items").get(0).get("status").asString().equals("delivered"));
		JsonNode delivery = log.get("items").get(0);
		assertThat(delivery.get("id").asString()).isEqualTo(requests.get(0).header("X-Sammen-Delivery"));
		assertThat(delivery.get("eventId").asString()).isEqualTo(ceId);
		assertThat(delivery.get("eventType").asString()).isEqualTo(CloudEventTypes.EVENT_PUBLISHED_V1);
		assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
		assertThat(delivery.get("log")).extracting((a) -> a.get("httpStatus").asInt()).containsExactly(503, 500, 200);
		assertThat(delivery.get("log")).allSatisfy((a) -> {
			assertThat(a.get("durationMs").asLong()).isNotNegative();
			assertThat(a.get("at").asString()).isNotBlank();
		});
		assertThat(log.toString()).doesNotContain("secretOfTheReceiver");
		Document stored = this.mongo.findById(delivery.get("id").asString(), Document.class, WebhookDelivery.COLLECTION).block();
		assertThat(stored.toJson()).as("response bodies are never stored").doesNotContain("secretOfTheReceiver");
		assertThat(this.meters.counter("sammen.notification.webhooks.attempts", "outcome", "retrying").count()).isGreaterThanOrEqualTo(2);
		assertThat(this.meters.counter("sammen.notification.webhooks.attempts", "outcome", "delivered").count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void refusesReplayAndTampering_asAnIndependentReceiverWould() throws Exception {
		String organisation = newOrganisation();
		receiver.script("/verify", 200);
		JsonNode endpoint = register(organisation, receiver.url("/verify"), List.of(CloudEventTypes.EVENT_PUBLISHED_V1));
		String secret = endpoint.get("secret").asString();

		publishEvent(organisation, "evt-" + organisation, CloudEventTypes.EVENT_PUBLISHED_V1);

		TestReceiver.Received request = await().atMost(PATIENCE).until(() -> receiver.at("/verify"), (got) -> !got.isEmpty()).getFirst();
		String signature = request.header("X-Sammen-Signature");
		assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
		assertThat(ReceiverSignatures.verify(signature, request.body(), secret, request.at(), REPLAY_WINDOW)).isTrue();
		assertThat(ReceiverSignatures.verify(signature, request.body(), secret, request.at().plus(Duration.ofMinutes(10)),
				REPLAY_WINDOW)).as("the same request replayed ten minutes later").isFalse();
		assertThat(ReceiverSignatures.verify(signature, request.body().replace("Medborgerhuset", "Andetsteds"), secret,
				request.at(), REPLAY_WINDOW)).as("a changed body").isFalse();
		assertThat(ReceiverSignatures.verify(signature, request.body(), "whsec_someone-else", request.at(), REPLAY_WINDOW))
			.as("another secret").isFalse();
		long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
		assertThat(ReceiverSignatures.verify(signature.replace("t=" + t, "t=" + (t + 1)), request.body(), secret,
				request.at(), REPLAY_WINDOW)).as("a moved timestamp").isFalse();
	}

	@Test
	void signsWithNewAndPreviousSecret_duringGraceAfterRotation() throws Exception {
		String organisation = newOrganisation();
		receiver.script("/rotated", 200);
		JsonNode endpoint = register(organisation, receiver.url("/rotated"), List.of(CloudEventTypes.EVENT_CANCELLED_V1));
		String old = endpoint.get("secret").asString();
		JsonNode rotated = this.http.post().uri(BASE + "/{id}/rotate-secret", endpoint.get("id").asString())
			.header("X-Sammen-Identity", partner(organisation)).exchange()
			.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		String fresh = rotated.get("secret").asString();
		assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
		assertThat(rotated.get("previousSecretValidUntil").asString()).isNotBlank();

		publishEvent(organisation, "evt-" + organisation, CloudEventTypes.EVENT_CANCELLED_V1);

		TestReceiver.Received request = await().atMost(PATIENCE).until(() -> receiver.at("/rotated"), (got) -> !got.isEmpty()).getFirst();
		assertThat(request.header("X-Sammen-Signature")).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
		assertThat(ReceiverSignatures.verify(request.header("X-Sammen-Signature"), request.body(), fresh, request.at(), REPLAY_WINDOW)).isTrue();
		assertThat(ReceiverSignatures.verify(request.header("X-Sammen-Signature"), request.body(), old, request.at(), REPLAY_WINDOW)).isTrue();
	}

	@Test
	void countsRedirectAsFailure_andNeverFollowsIt() {
		String organisation = newOrganisation();
		receiver.script("/redirect", 302);
		JsonNode endpoint = register(organisation, receiver.url("/redirect"), List.of(CloudEventTypes.EVENT_PUBLISHED_V1));

		publishEvent(organisation, "evt-" + organisation, CloudEventTypes.EVENT_PUBLISHED_V1);

		JsonNode log = await().atMost(PATIENCE).until(() -> get(organisation, "/" + endpoint.get("id").asString() + "/deliveries"),
				(page) -> page.get("items").size() == 1 && page.get("items").get(0).get("log").size() >= 2);
		JsonNode first = log.get("items").get(0).get("log").get(0);
		assertThat(first.get("httpStatus").asInt()).isEqualTo(302);
		assertThat(first.get("error").asString()).isEqualTo("redirect");
		assertThat(log.get("items").get(0).get("status").asString()).isNotEqualTo("delivered");
		assertThat(receiver.at("/redirected-to")).as("the Location is never requested").isEmpty();
	}

	@Test
	void turnsEndpointOffAndMailsTheContact_whenReceiverKeepsFailing() throws Exception {
		String organisation = newOrganisation();
		String contact = "kontakt-" + organisation + "@partner.example";
		publishContact(organisation, contact);
		await().atMost(PATIENCE).until(() -> this.mongo.exists(Query.query(Criteria.where("_id").is(organisation)),
				"partner-contacts").block());
		receiver.script("/down", 500);
		JsonNode endpoint = register(organisation, receiver.url("/down"), List.of(CloudEventTypes.EVENT_PUBLISHED_V1));
		String id = endpoint.get("id").asString();

		publishEvent(organisation, "evt-" + organisation, CloudEventTypes.EVENT_PUBLISHED_V1);

		JsonNode disabled = await().atMost(PATIENCE).until(() -> get(organisation, "/" + id),
				(view) -> view.get("status").asString().equals("disabled"));
		assertThat(disabled.get("disabledReason").asString()).isEqualTo("failing");
		assertThat(disabled.get("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(disabled.get("lastError").asString()).isEqualTo("HTTP 500");
		assertThat(Duration.between(Instant.parse(disabled.get("failingSince").asString()),
				Instant.parse(disabled.get("disabledAt").asString()))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

		MimeMessage notice = NotificationTestKit.awaitMails(mailbox, contact, 1).getFirst();
		assertThat(notice.getSubject()).isEqualTo("Vi har slået jeres webhook fra: " + receiver.url("/down"));
		assertThat(NotificationTestKit.text(notice)).contains(receiver.url("/down"), "/webhooks/" + id + "/enable",
				"Sidste svar: HTTP 500");
		assertThat(NotificationTestKit.header(notice, "List-Unsubscribe")).isEmpty();

		JsonNode log = get(organisation, "/" + id + "/deliveries").get("items").get(0);
		assertThat(log.get("status").asString()).isEqualTo("abandoned");
		assertThat(log.get("reason").asString()).isEqualTo("endpoint-disabled");
		assertThat(log.get("log")).extracting((a) -> a.get("httpStatus").asInt()).containsOnly(500);
		assertThat(this.meters.counter("sammen.notification.webhooks.disabled").count()).isGreaterThanOrEqualTo(1);

		JsonNode enabled = this.http.post().uri(BASE + "/{id}/enable", id).header("X-Sammen-Identity", partner(organisation))
			.exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(enabled.get("status").asString()).isEqualTo("active");
		assertThat(enabled.get("consecutiveFailures").asInt()).isZero();
	}

	@Test
	void resendsWithSameDeliveryId_whenLeaseOfDeadReplicaRunsOut() {
		String organisation = newOrganisation();
		receiver.script("/crash", 200);
		JsonNode endpoint = register(organisation, receiver.url("/crash"), List.of(CloudEventTypes.EVENT_PUBLISHED_V1));
		String endpointId = endpoint.get("id").asString();
		Instant now = Instant.now();
		String deliveryId = WebhookListener.deliveryId(endpointId, "ce-crash-" + organisation);
		// what a replica leaves behind when it dies during attempt 1: claimed, lease still running
		this.mongo.insert(new WebhookDelivery(deliveryId, endpointId, organisation, "ce-crash-" + organisation,
				CloudEventTypes.EVENT_PUBLISHED_V1, "/sammen/events-service", now, "evt-crash", "{\"event\":{}}",
				WebhookDelivery.PENDING, 1, now.minusSeconds(1), now.plusMillis(1500), "replica-dead", List.of(),
				now.minusSeconds(1), null, null)).block();

		await().during(Duration.ofMillis(1000)).atMost(Duration.ofMillis(1400))
			.until(() -> receiver.at("/crash").isEmpty());
		TestReceiver.Received resent = await().atMost(PATIENCE).until(() -> receiver.at("/crash"), (got) -> !got.isEmpty()).getFirst();

		assertThat(resent.header("X-Sammen-Delivery")).isEqualTo(deliveryId);
		assertThat(resent.header("X-Sammen-Delivery-Attempt")).isEqualTo("2");
		assertThat(resent.header("ce-id")).isEqualTo("ce-crash-" + organisation);
		JsonNode log = await().atMost(PATIENCE).until(() -> get(organisation, "/" + endpointId + "/deliveries"),
				(page) -> page.get("items").get(0).get("status").asString().equals("delivered")).get("items").get(0);
		assertThat(log.get("log")).extracting((a) -> a.get("attempt").asInt()).containsExactly(1, 2);
		assertThat(log.get("log").get(0).get("error").asString()).isEqualTo("lease-expired");
		assertThat(log.get("log").get(1).get("httpStatus").asInt()).isEqualTo(200);
		assertThat(receiver.at("/crash")).hasSize(1);
	}

}
