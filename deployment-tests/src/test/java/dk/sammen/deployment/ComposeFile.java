package dk.sammen.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Compose file as Compose reads it (SnakeYAML, which resolves the {@code <<:} merge keys the file
 * uses for shared settings), its validation against the Compose Specification schema, and our
 * rules for it.
 */
final class ComposeFile {

	/**
	 * The Compose Specification schema docker-compose 1.29.2 validates with (Debian's package, file
	 * compose/config/compose_spec.json, Apache-2.0), vendored so the check needs neither the tool nor
	 * a download.
	 */
	private static final Schema COMPOSE_SPEC = loadSchema();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JsonNode root;

	private ComposeFile(JsonNode root) {
		this.root = root;
	}

	static ComposeFile read(Path file) {
		try {
			return parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot read " + file, ex);
		}
	}

	static ComposeFile parse(String yaml) {
		Object document = new Yaml().load(yaml);
		return new ComposeFile(JSON.valueToTree(document));
	}

	JsonNode root() {
		return this.root;
	}

	JsonNode service(String name) {
		JsonNode service = this.root.path("services").path(name);
		if (service.isMissingNode()) {
			throw new AssertionError("No Compose service " + name);
		}
		return service;
	}

	List<String> serviceNames() {
		List<String> names = new ArrayList<>();
		this.root.path("services").fieldNames().forEachRemaining(names::add);
		return names;
	}

	/** The service's environment as a map, whichever of Compose's two notations it uses. */
	Map<String, String> environment(String name) {
		JsonNode environment = service(name).path("environment");
		Map<String, String> variables = new java.util.LinkedHashMap<>();
		if (environment.isArray()) {
			environment.forEach((entry) -> {
				String[] pair = entry.asText().split("=", 2);
				variables.put(pair[0], (pair.length > 1) ? pair[1] : "");
			});
		}
		else {
			environment.fields().forEachRemaining((entry) -> variables.put(entry.getKey(), entry.getValue().asText()));
		}
		return variables;
	}

	/** Sammen's own services: those running one of the images the build makes. */
	List<String> sammenServices() {
		return serviceNames().stream()
			.filter((name) -> service(name).path("image").asText().startsWith("sammen/"))
			.toList();
	}

	/** What the Compose Specification schema refuses, with the JSON path of each. */
	List<String> schemaViolations() {
		try {
			tools.jackson.databind.JsonNode instance = JsonMapper.shared().readTree(JSON.writeValueAsString(this.root));
			return COMPOSE_SPEC.validate(instance).stream().map(Error::toString).toList();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * Our rules: every service names an image and has a healthcheck; every start-order dependency
	 * waits for the other to be healthy, which needs that one to have a healthcheck; every Sammen
	 * service runs the compose profile, which its module has.
	 */
	List<String> ruleViolations() {
		List<String> violations = new ArrayList<>();
		for (String name : serviceNames()) {
			JsonNode service = service(name);
			if (!service.path("image").isTextual()) {
				violations.add(name + ": no image");
			}
			if (!service.path("healthcheck").path("test").isArray()) {
				violations.add(name + ": no healthcheck");
			}
			JsonNode dependsOn = service.path("depends_on");
			if (dependsOn.isArray()) {
				violations.add(name + ": depends_on without conditions only waits for the start, not for health");
			}
			for (Iterator<Map.Entry<String, JsonNode>> it = dependsOn.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> dependency = it.next();
				if (!"service_healthy".equals(dependency.getValue().path("condition").asText())) {
					violations.add(name + ": depends on " + dependency.getKey() + " without condition service_healthy");
				}
				if (!this.root.path("services").has(dependency.getKey())) {
					violations.add(name + ": depends on " + dependency.getKey() + ", which is not a service");
				}
				else if (!service(dependency.getKey()).path("healthcheck").path("test").isArray()) {
					violations.add(name + ": waits for " + dependency.getKey() + " to be healthy, which has no healthcheck");
				}
			}
		}
		for (String name : sammenServices()) {
			String profile = Optional.ofNullable(environment(name).get("SPRING_PROFILES_ACTIVE")).orElse("");
			if (!profile.equals("compose")) {
				violations.add(name + ": SPRING_PROFILES_ACTIVE is '" + profile + "', not compose");
			}
			else if (!ServiceConfiguration.hasProfile(name, "compose")) {
				violations.add(name + ": its module has no application-compose.yml");
			}
		}
		return violations;
	}

	private static Schema loadSchema() {
		try (InputStream in = ComposeFile.class.getResourceAsStream("/compose-spec/compose_spec.json")) {
			tools.jackson.databind.JsonNode schema = JsonMapper.shared().readTree(in);
			withoutDraft4Ids(schema);
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(schema);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * The schema declares draft 2019-09 but labels its parts with draft 4's {@code "id": "#/…"},
	 * which 2019-09 does not know and the validator refuses; they are labels only, so they go.
	 */
	private static void withoutDraft4Ids(tools.jackson.databind.JsonNode node) {
		if (node instanceof tools.jackson.databind.node.ObjectNode object) {
			tools.jackson.databind.JsonNode id = object.get("id");
			if (id != null && id.isString() && (id.asString().startsWith("#") || id.asString().endsWith(".json"))) {
				object.remove("id");
			}
		}
		node.forEach(ComposeFile::withoutDraft4Ids);
	}

}
