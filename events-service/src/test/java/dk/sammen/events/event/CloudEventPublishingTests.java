package dk.sammen.events.event;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.PayloadSchemas;
import dk.sammen.contracts.Topics;
import dk.sammen.events.EventsIntegrationTest;
import dk.sammen.localstack.TopicReader;
import dk.sammen.localstack.KafkaBroker;
import org.springframework.beans.factory.annotation.Autowired;

import static dk.sammen.localstack.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/** What leaves the service: one CloudEvent per public change, binary mode, valid against its schema. */
class CloudEventPublishingTests extends EventsIntegrationTest {

	private final TopicReader topics = new TopicReader(KafkaBroker.shared().bootstrapServers());

	@Autowired
	JsonMapper json;

	@Test
	void publishUpdateCancel_emitOneCloudEventEachInOrder() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		publish(partner, id);
		Map<String, Object> changed = meal();
		changed.put("title", "Fællesspisning med musik");
		changed.put("welcome", List.of("kom-alene", "foelgeskab"));
		changed.put("welcomeNote", "Der står en vært ved døren.");
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).header("If-Match", "\"2\"")
			.bodyValue(changed).exchange().expectStatus().isOk();
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", "Sygdom")).exchange().expectStatus().isOk();

		List<ConsumerRecord<String, byte[]>> records = this.topics.await(Topics.EVENTS, (r) -> id.equals(r.key()), 3);
		assertThat(records).extracting((r) -> header(r, "ce_type")).containsExactly("dk.sammen.event.published.v1",
				"dk.sammen.event.updated.v1", "dk.sammen.event.cancelled.v1");
		assertThat(records).extracting((r) -> header(r, "ce_id")).doesNotHaveDuplicates();
		assertThat(records).allSatisfy((r) -> {
			assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
			assertThat(header(r, "ce_source")).isEqualTo("/sammen/events-service");
			assertThat(header(r, "ce_time")).isNotBlank();
			assertThat(header(r, "content-type")).isEqualTo("application/json");
			assertValid(header(r, "ce_type"), r.value());
		});
		JsonNode cancelled = this.json.readTree(records.get(2).value());
		assertThat(cancelled.get("reason").asString()).isEqualTo("Sygdom");
		assertThat(cancelled.get("event").get("status").asString()).isEqualTo("cancelled");
		assertThat(cancelled.get("event").get("location").get("regionCode").asString()).isEqualTo("1082");
		assertThat(cancelled.get("event").get("welcome").toString()).isEqualTo("[\"kom-alene\",\"foelgeskab\"]");
		assertThat(cancelled.get("event").get("welcomeNote").asString()).isEqualTo("Der står en vært ved døren.");
	}

	@Test
	void draftChanges_emitNothing() {
		Partner partner = newPartner();
		String draft = createEvent(partner, meal()).get("id").asString();
		this.http.put().uri("/api/v1/events/{id}", draft).header(IDENTITY, partner.header())
			.header("If-Match", "\"1\"").bodyValue(meal()).exchange().expectStatus().isOk();
		String published = createEvent(partner, meal()).get("id").asString();
		publish(partner, published);
		this.topics.await(Topics.EVENTS, (r) -> published.equals(r.key()), 1);
		assertThat(this.topics.readAll(Topics.EVENTS)).noneMatch((r) -> draft.equals(r.key()));
	}

	@Test
	void registerOrganisation_emitsApiKeyIssuedWithHashOnly() {
		Partner partner = newPartner();
		String keyId = partner.registration().get("apiKeyId").asString();
		String apiKey = partner.registration().get("apiKey").asString();
		List<ConsumerRecord<String, byte[]>> records = this.topics.await(Topics.API_KEYS, (r) -> keyId.equals(r.key()),
				1);
		assertThat(records).singleElement().satisfies((r) -> {
			assertThat(header(r, "ce_type")).isEqualTo("dk.sammen.apikey.issued.v1");
			assertValid("dk.sammen.apikey.issued.v1", r.value());
			String payload = new String(r.value(), StandardCharsets.UTF_8);
			assertThat(payload).doesNotContain(apiKey).contains(dk.sammen.platform.identity.ApiKeySecrets.sha256(apiKey));
		});
	}

	@Test
	void revokeKey_emitsApiKeyRevoked() {
		Partner partner = newPartner();
		String keyId = partner.registration().get("apiKeyId").asString();
		this.http.delete().uri("/api/v1/admin/organisations/{id}/keys/{keyId}", partner.id(), keyId)
			.header(IDENTITY, admin()).exchange().expectStatus().isNoContent();
		List<ConsumerRecord<String, byte[]>> records = this.topics.await(Topics.API_KEYS, (r) -> keyId.equals(r.key()),
				2);
		assertThat(records).extracting((r) -> header(r, "ce_type")).containsExactly("dk.sammen.apikey.issued.v1",
				"dk.sammen.apikey.revoked.v1");
		assertValid("dk.sammen.apikey.revoked.v1", records.get(1).value());
	}

	private void assertValid(String type, byte[] payload) {
		assertThat(PayloadSchemas.validate(type, this.json.readTree(payload)))
			.as("payload of %s valid against its schema", type)
			.isEmpty();
	}

}
