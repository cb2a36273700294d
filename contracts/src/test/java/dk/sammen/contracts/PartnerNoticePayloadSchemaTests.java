package dk.sammen.contracts;

import java.time.Instant;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dk.sammen.contracts.partner.ReconfirmationRequestedV1;

import static org.assertj.core.api.Assertions.assertThat;

/** The partner notice schema describes exactly what the record serializes to. */
class PartnerNoticePayloadSchemaTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ReconfirmationRequestedV1 REMINDER = new ReconfirmationRequestedV1("evt-1", "org-1",
			"Kaffe og en snak", Instant.parse("2027-01-05T09:00:00Z"), Instant.parse("2027-04-05T09:00:00Z"),
			Instant.parse("2027-04-19T09:00:00Z"), Instant.parse("2027-03-22T09:00:00Z"));

	@Test
	void accepts_reconfirmationRequested() {
		assertThat(PayloadSchemas.validate(CloudEventTypes.RECONFIRMATION_REQUESTED_V1, json.valueToTree(REMINDER)))
			.isEmpty();
	}

	@Test
	void rejects_missingHiddenAtAndLocalTime() {
		ObjectNode node = json.valueToTree(REMINDER);
		node.remove("hiddenAt");
		node.put("staleAt", "2027-04-05T11:00:00");
		assertThat(PayloadSchemas.validate(CloudEventTypes.RECONFIRMATION_REQUESTED_V1, node))
			.map(Error::getInstanceLocation)
			.map(Object::toString)
			.containsExactlyInAnyOrder("", "/staleAt");
	}

	@Test
	void rejects_extraContactAddress() {
		ObjectNode node = json.valueToTree(REMINDER);
		node.put("contactEmail", "kontakt@example.dk");
		assertThat(PayloadSchemas.validate(CloudEventTypes.RECONFIRMATION_REQUESTED_V1, node)).hasSize(1);
	}

}
