package dk.sammen.contracts;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dk.sammen.contracts.campaign.CampaignActivityCancelledV1;
import dk.sammen.contracts.campaign.CampaignActivityPublishedV1;
import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import dk.sammen.contracts.campaign.CampaignActivityUpdatedV1;

import static org.assertj.core.api.Assertions.assertThat;

/** The campaign activity schemas describe exactly what the payload records serialize to. */
class CampaignActivityPayloadSchemaTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Instant CREATED = Instant.parse("2027-03-01T09:15:00Z");

	@ParameterizedTest
	@MethodSource("types")
	void declaresTypeAndDraft202012_forEachCloudEventType(String type) {
		JsonNode schema = PayloadSchemas.schema(type).getSchemaNode();
		assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(schema.get("title").asString()).isEqualTo(type);
		assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
	}

	@Test
	void inlinesIdenticalSnapshot_inEveryActivitySchema() {
		JsonNode published = PayloadSchemas.schema(CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1).getSchemaNode().get("$defs");
		assertThat(PayloadSchemas.schema(CloudEventTypes.CAMPAIGN_ACTIVITY_UPDATED_V1).getSchemaNode().get("$defs"))
			.isEqualTo(published);
		assertThat(PayloadSchemas.schema(CloudEventTypes.CAMPAIGN_ACTIVITY_CANCELLED_V1).getSchemaNode().get("$defs"))
			.isEqualTo(published);
	}

	@Test
	void accepts_publishedLocalActivity() {
		assertValid(CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1, new CampaignActivityPublishedV1(schoolTalk("published")));
	}

	@Test
	void accepts_updatedNationwideActivityWithoutEnd() {
		CampaignActivitySnapshotV1 radio = new CampaignActivitySnapshotV1("act-2", "vaer-en-som-raekker-ud",
				"published", 3, "radio-segment", "Ensomhed i radioen", "", Instant.parse("2027-10-04T07:00:00Z"), null,
				null, null, "https://example.dk/radio", CREATED, Instant.parse("2027-03-02T11:00:00.123Z"));
		assertValid(CloudEventTypes.CAMPAIGN_ACTIVITY_UPDATED_V1, new CampaignActivityUpdatedV1(radio));
	}

	@Test
	void accepts_cancelledActivity() {
		assertValid(CloudEventTypes.CAMPAIGN_ACTIVITY_CANCELLED_V1,
				new CampaignActivityCancelledV1(schoolTalk("cancelled"), "Foredragsholderen er syg"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("violations")
	void rejects_violatingPayload(Violation violation) {
		ObjectNode node = (ObjectNode) json.readTree(json.writeValueAsString(violation.payload()));
		violation.change().accept(node);
		assertThat(PayloadSchemas.validate(violation.type(), node)).extracting(CampaignActivityPayloadSchemaTests::describe)
			.as("errors for %s", violation.name())
			.contains(violation.expected());
	}

	static Stream<String> types() {
		return Stream.of(CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1, CloudEventTypes.CAMPAIGN_ACTIVITY_UPDATED_V1,
				CloudEventTypes.CAMPAIGN_ACTIVITY_CANCELLED_V1);
	}

	static Stream<Violation> violations() {
		String published = CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1;
		CampaignActivityPublishedV1 payload = new CampaignActivityPublishedV1(schoolTalk("published"));
		CampaignActivityCancelledV1 cancelled = new CampaignActivityCancelledV1(schoolTalk("cancelled"), "Aflyst");
		return Stream.of(
				new Violation("unknown kind", published, payload, (node) -> activity(node).put("kind", "concert"),
						"enum@/activity/kind"),
				new Violation("unknown property", published, payload, (node) -> activity(node).put("secret", "x"),
						"additionalProperties@/activity secret"),
				new Violation("draft status on published", published, payload,
						(node) -> activity(node).put("status", "draft"), "const@/activity/status"),
				new Violation("region outside 1081-1085", published, payload,
						(node) -> activity(node).put("regionCode", "1086"), "enum@/activity/regionCode"),
				new Violation("three-digit kommune", published, payload,
						(node) -> activity(node).put("kommuneCode", "661"), "pattern@/activity/kommuneCode"),
				new Violation("script url", published, payload,
						(node) -> activity(node).put("url", "javascript:alert(1)"), "pattern@/activity/url"),
				new Violation("missing nullable endsAt", published, payload, (node) -> activity(node).remove("endsAt"),
						"required@/activity endsAt"),
				new Violation("missing reason", CloudEventTypes.CAMPAIGN_ACTIVITY_CANCELLED_V1, cancelled,
						(node) -> node.remove("reason"), "required@ reason"));
	}

	private static CampaignActivitySnapshotV1 schoolTalk(String status) {
		return new CampaignActivitySnapshotV1("act-1", "vaer-en-som-raekker-ud", status, 2, "school-activity",
				"Tal om ensomhed i 8. klasse", "<p>Et oplæg og en samtale.</p>", Instant.parse("2027-09-14T08:00:00Z"),
				Instant.parse("2027-09-14T10:00:00Z"), "0661", "1082", "https://example.dk/skole", CREATED,
				Instant.parse("2027-03-02T11:00:00Z"));
	}

	private static void assertValid(String type, Object payload) {
		assertThat(PayloadSchemas.validate(type, json.readTree(json.writeValueAsString(payload)))).isEmpty();
	}

	private static ObjectNode activity(ObjectNode payload) {
		return (ObjectNode) payload.get("activity");
	}

	private static String describe(Error error) {
		return error.getKeyword() + "@" + error.getInstanceLocation()
				+ ((error.getProperty() != null) ? " " + error.getProperty() : "");
	}

	record Violation(String name, String type, Object payload, Consumer<ObjectNode> change, String expected) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
