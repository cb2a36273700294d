package dk.sammen.events.organisation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.PayloadSchemas;
import dk.sammen.contracts.Topics;
import dk.sammen.events.EventsIntegrationTest;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.TopicReader;
import dk.sammen.platform.identity.ApiKeySecrets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static dk.sammen.localstack.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organisations leave the service on {@code sammen.organisations.v1}: a new one as
 * {@code registered.v1}, one registered before the topic existed once as {@code updated.v1}; never
 * with key material.
 */
class OrganisationAnnouncementTests extends EventsIntegrationTest {

	private final TopicReader topics = new TopicReader(KafkaBroker.shared().bootstrapServers());

	@Autowired
	JsonMapper json;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	OrganisationAnnouncer announcer;

	@Test
	void register_emitsRegisteredWithContactAndNoKey() {
		Partner partner = newPartner();
		String apiKey = partner.registration().get("apiKey").asString();

		List<ConsumerRecord<String, byte[]>> records = this.topics.await(Topics.ORGANISATIONS,
				(r) -> partner.id().equals(r.key()), 1);

		assertThat(records).singleElement().satisfies((r) -> {
			assertThat(header(r, "ce_type")).isEqualTo(CloudEventTypes.ORGANISATION_REGISTERED_V1);
			assertValid(CloudEventTypes.ORGANISATION_REGISTERED_V1, r.value());
			JsonNode organisation = this.json.readTree(r.value()).get("organisation");
			assertThat(organisation.get("id").asString()).isEqualTo(partner.id());
			assertThat(organisation.get("contactEmail").asString())
				.isEqualTo(partner.registration().get("contactEmail").asString());
			assertThat(organisation.get("version").asLong()).isEqualTo(1);
			String payload = new String(r.value(), StandardCharsets.UTF_8);
			assertThat(payload).doesNotContain(apiKey).doesNotContain(ApiKeySecrets.sha256(apiKey));
		});
		assertThat(this.mongo.findById(partner.id(), Organisation.class).block().announcedAt()).isNotNull();
	}

	@Test
	void announce_organisationFromBeforeTheTopic_emitsUpdatedOnceWithNewVersion() {
		String id = UUID.randomUUID().toString();
		Instant created = Instant.parse("2026-01-05T10:00:00Z");
		// as an earlier release stored it: no announcedAt at all
		Document earlier = new Document("_id", id).append("name", "Ventilen Testby")
			.append("cvr", "1" + String.format("%07d", Math.abs(id.hashCode()) % 10_000_000).substring(0, 7))
			.append("kind", "forening")
			.append("contactEmail", "kontakt@ventilen.example.dk")
			.append("keys", List.of())
			.append("version", 4L)
			.append("createdAt", created)
			.append("updatedAt", created)
			.append("outbox", List.of());
		this.mongo.insert(earlier, "organisations").block();

		assertThat(this.announcer.announceUnannounced().block()).isGreaterThanOrEqualTo(1);
		assertThat(this.announcer.announceUnannounced().block()).as("nothing left to announce").isZero();

		List<ConsumerRecord<String, byte[]>> records = this.topics.await(Topics.ORGANISATIONS,
				(r) -> id.equals(r.key()), 1);
		assertThat(records).singleElement().satisfies((r) -> {
			assertThat(header(r, "ce_type")).isEqualTo(CloudEventTypes.ORGANISATION_UPDATED_V1);
			assertValid(CloudEventTypes.ORGANISATION_UPDATED_V1, r.value());
			JsonNode organisation = this.json.readTree(r.value()).get("organisation");
			assertThat(organisation.get("contactEmail").asString()).isEqualTo("kontakt@ventilen.example.dk");
			assertThat(organisation.get("version").asLong()).isEqualTo(5);
		});
		Organisation stored = this.mongo.findById(id, Organisation.class).block();
		assertThat(stored.version()).isEqualTo(5);
		assertThat(stored.announcedAt()).isNotNull();
	}

	private void assertValid(String type, byte[] payload) {
		assertThat(PayloadSchemas.validate(type, this.json.readTree(payload))).as("payload of %s", type).isEmpty();
	}

}
