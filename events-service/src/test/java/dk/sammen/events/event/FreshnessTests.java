package dk.sammen.events.event;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.PayloadSchemas;
import dk.sammen.contracts.Topics;
import dk.sammen.events.EventsIntegrationTest;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No dead listings: an offer its organisation does not re-confirm is reminded once, marked stale,
 * then leaves the public listing; confirming brings it back. Intervals of seconds stand in for
 * months.
 */
@TestPropertySource(properties = { "sammen.events.freshness.reconfirm-after=PT6S",
		"sammen.events.freshness.grace=PT4S", "sammen.events.freshness.remind-before=PT4S",
		"sammen.events.freshness.sweep-interval=PT0.2S" })
class FreshnessTests extends EventsIntegrationTest {

	private final TopicReader topics = new TopicReader(KafkaBroker.shared().bootstrapServers());

	@Autowired
	JsonMapper json;

	@Test
	void unconfirmedOffer_isRemindedOnceMarkedStaleThenHidden_andConfirmingBringsItBack() {
		Partner partner = newPartner();
		String tag = "t" + UUID.randomUUID().toString().replace("-", "");
		String id = publishedSeries(partner, tag);
		JsonNode fresh = listed(tag);
		assertThat(fresh.get("freshness").get("stale").asBoolean()).isFalse();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode item = listed(tag);
			assertThat(item).isNotNull();
			assertThat(item.get("freshness").get("stale").asBoolean()).isTrue();
		});
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(tag)).isNull());
		// still there for whoever has the link, saying why it is not listed
		this.http.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.freshness.stale").isEqualTo(true);

		List<ConsumerRecord<String, byte[]>> notices = this.topics.await(Topics.PARTNER_NOTICES,
				(r) -> new String(r.value()).contains(id), 1);
		assertThat(notices).hasSize(1);
		assertThat(notices.get(0).key()).isEqualTo(partner.id());
		assertThat(new String(notices.get(0).headers().lastHeader("ce_type").value()))
			.isEqualTo("dk.sammen.partner.reconfirmation-requested.v1");
		JsonNode notice = this.json.readTree(notices.get(0).value());
		assertThat(PayloadSchemas.validate("dk.sammen.partner.reconfirmation-requested.v1", notice)).isEmpty();
		assertThat(notice.get("eventId").asString()).isEqualTo(id);
		assertThat(notice.get("title").asString()).contains(tag);
		// many sweeps later there is still one reminder for that confirmation
		assertThat(this.topics.readAll(Topics.PARTNER_NOTICES))
			.filteredOn((r) -> new String(r.value()).contains(id))
			.hasSize(1);

		JsonNode confirmed = this.http.post().uri("/api/v1/events/{id}/confirm", id).header(IDENTITY, partner.header())
			.exchange().expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		assertThat(confirmed.get("freshness").get("stale").asBoolean()).isFalse();
		assertThat(listed(tag)).isNotNull();
		List<ConsumerRecord<String, byte[]>> updates = this.topics.await(Topics.EVENTS, (r) -> id.equals(r.key()), 2);
		JsonNode update = this.json.readTree(updates.get(1).value());
		assertThat(Instant.parse(update.get("event").get("visibleUntil").asString()))
			.isEqualTo(OffsetDateTime.parse(confirmed.get("freshness").get("hiddenAt").asString()).toInstant());
	}

	@Test
	void confirm_draftOrOthersOffer_isRefusedAndChangesNothing() {
		Partner partner = newPartner();
		String draft = createEvent(partner, series("t" + UUID.randomUUID().toString().replace("-", ""))).get("id")
			.asString();
		this.http.post().uri("/api/v1/events/{id}/confirm", draft).header(IDENTITY, partner.header())
			.exchange().expectStatus().isEqualTo(409);
		String published = publishedSeries(partner, "t" + UUID.randomUUID().toString().replace("-", ""));
		this.http.post().uri("/api/v1/events/{id}/confirm", published).header(IDENTITY, newPartner().header())
			.exchange().expectStatus().isForbidden();
		this.http.get().uri("/api/v1/events/{id}", published).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.version").isEqualTo(2);
	}

	private String publishedSeries(Partner partner, String tag) {
		return publishedEvent(partner, series(tag));
	}

	private static Map<String, Object> series(String tag) {
		Map<String, Object> body = new java.util.LinkedHashMap<>(meal());
		body.put("title", "Kaffe og en snak " + tag);
		body.put("programme", "local-partnership");
		body.put("startsAt", "2027-03-02T10:00:00+01:00");
		body.put("endsAt", "2027-03-02T12:00:00+01:00");
		body.put("schedule", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU"));
		return body;
	}

	/** The series' first occurrence in the public listing, or null when it is not listed. */
	private JsonNode listed(String tag) {
		JsonNode page = this.http.get().uri("/api/v1/events?q=" + tag + "&from=2027-03-01&limit=1").exchange()
			.expectStatus().isOk()
			.expectBody(JsonNode.class).returnResult().getResponseBody();
		return page.get("items").isEmpty() ? null : page.get("items").get(0);
	}

}
