package dk.sammen.localstack;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A sample partner organisation and the events it publishes. */
public record SeedOrganisation(String name, String cvr, String kind, String contactEmail, List<SeedEvent> events) {

	/** The request body of {@code POST /api/v1/admin/organisations}. */
	public ObjectNode body() {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("name", this.name);
		body.put("cvr", this.cvr);
		body.put("kind", this.kind);
		body.put("contactEmail", this.contactEmail);
		return body;
	}

}
