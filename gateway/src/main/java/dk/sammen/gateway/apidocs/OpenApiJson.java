package dk.sammen.gateway.apidocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * Reads and writes swagger-core's {@link OpenAPI} model with swagger-core's own mappers (Jackson
 * 2, which springdoc uses too); the project's Jackson 3 mapper does not know the model's mixins.
 */
final class OpenApiJson {

	private OpenApiJson() {
	}

	/** A description as springdoc writes it: OpenAPI 3.1, or 3.0 from an older springdoc. */
	static OpenAPI read(byte[] json) {
		try {
			JsonNode tree = Json31.mapper().readTree(json);
			ObjectMapper mapper = tree.path("openapi").asText().startsWith("3.0") ? Json.mapper() : Json31.mapper();
			OpenAPI openApi = mapper.treeToValue(tree, OpenAPI.class);
			if (openApi == null) {
				throw new IllegalArgumentException("Not an OpenAPI description");
			}
			return openApi;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Not an OpenAPI description", ex);
		}
	}

	static byte[] write(OpenAPI openApi) {
		try {
			return Json31.mapper().writeValueAsBytes(openApi);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A deep copy, so that merging never changes a description someone else holds. */
	static OpenAPI copy(OpenAPI openApi) {
		return read(write(openApi));
	}

	/**
	 * A copy with components renamed, every reference to them included.
	 *
	 * @param renames new names by old reference ({@code #/components/schemas/Problem})
	 */
	static OpenAPI renamed(OpenAPI openApi, Map<String, String> renames) {
		ObjectNode tree = Json31.mapper().valueToTree(openApi);
		if (tree.get("components") instanceof ObjectNode components) {
			renames.forEach((reference, newName) -> {
				String[] parts = reference.split("/");
				if (components.get(parts[2]) instanceof ObjectNode kind && kind.has(parts[3])) {
					kind.set(newName, kind.remove(parts[3]));
				}
			});
		}
		Map<String, String> references = new HashMap<>();
		renames.forEach((reference, newName) -> references.put(reference,
				reference.substring(0, reference.lastIndexOf('/') + 1) + newName));
		rewrite(tree, references);
		try {
			return Json31.mapper().treeToValue(tree, OpenAPI.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every text equal to an old reference: {@code $ref}s, and the mappings of discriminators. */
	private static void rewrite(JsonNode node, Map<String, String> references) {
		if (node instanceof ObjectNode object) {
			List<String> names = new ArrayList<>();
			object.fieldNames().forEachRemaining(names::add);
			for (String name : names) {
				JsonNode value = object.get(name);
				String replacement = value.isTextual() ? references.get(value.asText()) : null;
				if (replacement != null) {
					object.set(name, TextNode.valueOf(replacement));
				}
				else {
					rewrite(value, references);
				}
			}
		}
		else if (node.isArray()) {
			node.forEach((element) -> rewrite(element, references));
		}
	}

}
