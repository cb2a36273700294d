package dk.sammen.contracts;

import java.time.Instant;
import java.util.List;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dk.sammen.contracts.organisation.OrganisationRegisteredV1;
import dk.sammen.contracts.organisation.OrganisationSnapshotV1;
import dk.sammen.contracts.organisation.OrganisationUpdatedV1;

import static org.assertj.core.api.Assertions.assertThat;

/** The organisation schemas describe exactly what the records serialize to, and nothing about keys. */
class OrganisationPayloadSchemaTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final OrganisationSnapshotV1 RINGSTED = new OrganisationSnapshotV1("org-1",
			"Fællesskabsby Ringsted", "kommune", "kontakt@example.dk", 3, Instant.parse("2027-03-01T09:15:00Z"));

	@Test
	void accepts_registeredAndUpdated() {
		assertThat(PayloadSchemas.validate(CloudEventTypes.ORGANISATION_REGISTERED_V1,
				json.valueToTree(new OrganisationRegisteredV1(RINGSTED)))).isEmpty();
		assertThat(PayloadSchemas.validate(CloudEventTypes.ORGANISATION_UPDATED_V1,
				json.valueToTree(new OrganisationUpdatedV1(RINGSTED)))).isEmpty();
	}

	@Test
	void declaresTypeAndSharesSnapshot_inBothSchemas() {
		JsonNode registered = PayloadSchemas.schema(CloudEventTypes.ORGANISATION_REGISTERED_V1).getSchemaNode();
		JsonNode updated = PayloadSchemas.schema(CloudEventTypes.ORGANISATION_UPDATED_V1).getSchemaNode();
		assertThat(registered.get("title").asString()).isEqualTo(CloudEventTypes.ORGANISATION_REGISTERED_V1);
		assertThat(updated.get("title").asString()).isEqualTo(CloudEventTypes.ORGANISATION_UPDATED_V1);
		assertThat(updated.get("$defs")).isEqualTo(registered.get("$defs"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-address", "" })
	void rejects_contactThatIsNoAddress(String contact) {
		ObjectNode node = json.valueToTree(new OrganisationRegisteredV1(RINGSTED));
		((ObjectNode) node.get("organisation")).put("contactEmail", contact);
		assertThat(PayloadSchemas.validate(CloudEventTypes.ORGANISATION_REGISTERED_V1, node))
			.map(Error::getInstanceLocation)
			.map(Object::toString)
			.containsExactly("/organisation/contactEmail");
	}

	@Test
	void rejects_unknownKindAndKeyMaterial() {
		ObjectNode node = json.valueToTree(new OrganisationUpdatedV1(RINGSTED));
		ObjectNode organisation = (ObjectNode) node.get("organisation");
		organisation.put("kind", "bank");
		organisation.set("keys", json.valueToTree(List.of("smn_secret")));
		assertThat(PayloadSchemas.validate(CloudEventTypes.ORGANISATION_UPDATED_V1, node)).hasSize(2);
	}

}
