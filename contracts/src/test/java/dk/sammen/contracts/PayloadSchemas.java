package dk.sammen.contracts;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The contract's JSON Schemas, found by their {@code $id} mapped to the classpath (nothing is
 * fetched), for the tests of every module that produces payloads. Shared as the contracts
 * test-jar.
 */
public final class PayloadSchemas {

	private static final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(registry) -> registry.schemaIdResolvers(
					(resolvers) -> resolvers.mapPrefix("https://schemas.sammen.dk/", "classpath:schemas/")));

	private PayloadSchemas() {
	}

	/** The schema of a CloudEvent type such as {@code dk.sammen.event.published.v1}. */
	public static Schema schema(String type) {
		return schemas.getSchema(SchemaLocation.of("https://schemas.sammen.dk/" + type + ".json"));
	}

	/** What is wrong with {@code payload} as data of {@code type}; empty when it is valid. */
	public static List<Error> validate(String type, JsonNode payload) {
		// Draft 2020-12 treats format as an annotation only; the contract wants it asserted
		return schema(type).validate(payload,
				(context) -> context.executionConfig((config) -> config.formatAssertionsEnabled(true)));
	}

}
