package dk.sammen.contracts;

import java.time.Instant;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dk.sammen.contracts.notification.DeliveryRequestedV1;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery task schema describes exactly what the record serializes to. */
class DeliveryPayloadSchemaTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final DeliveryRequestedV1 TASK = new DeliveryRequestedV1("weekly-digest-2027-W17", "weekly-digest",
			"sub-1", Instant.parse("2027-04-29T05:00:00Z"));

	@Test
	void accepts_deliveryTask() {
		assertThat(PayloadSchemas.validate(CloudEventTypes.DELIVERY_REQUESTED_V1, json.valueToTree(TASK))).isEmpty();
	}

	@Test
	void rejects_unknownEditionKind() {
		ObjectNode node = json.valueToTree(TASK);
		node.put("editionKind", "spam");
		assertThat(PayloadSchemas.validate(CloudEventTypes.DELIVERY_REQUESTED_V1, node)).map(Error::getInstanceLocation)
			.map(Object::toString)
			.containsExactly("/editionKind");
	}

	@Test
	void rejects_missingSubscriberAndExtraField() {
		ObjectNode node = json.valueToTree(TASK);
		node.remove("subscriberId");
		node.put("email", "someone@example.dk");
		assertThat(PayloadSchemas.validate(CloudEventTypes.DELIVERY_REQUESTED_V1, node)).hasSize(2);
	}

}
