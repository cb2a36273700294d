package dk.sammen.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A service's Spring configuration as it starts under one profile: {@code application.yml} (its
 * documents without {@code spring.config.activate.on-profile}, or for that profile), then
 * {@code application-<profile>.yml} on top, as dotted keys. {@code ${NAME:default}} placeholders
 * are resolved against the environment the deployment gives the container, the way Spring resolves
 * them; that is the only placeholder form the profiles use.
 */
final class ServiceConfiguration {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::([^}]*))?}");

	private final String service;

	private final String profile;

	private final Map<String, String> properties;

	private final Map<String, String> environment;

	private ServiceConfiguration(String service, String profile, Map<String, String> properties,
			Map<String, String> environment) {
		this.service = service;
		this.profile = profile;
		this.properties = properties;
		this.environment = environment;
	}

	/** The configuration of {@code service} under {@code profile}, in a container with {@code environment}. */
	static ServiceConfiguration of(String service, String profile, Map<String, String> environment) {
		Path resources = Repository.module(service).resolve("src/main/resources");
		Map<String, String> properties = new LinkedHashMap<>();
		read(resources.resolve("application.yml"), profile, properties);
		Path profileFile = resources.resolve("application-" + profile + ".yml");
		if (!Files.isRegularFile(profileFile)) {
			throw new AssertionError(service + " has no " + profileFile.getFileName() + " for the " + profile + " profile");
		}
		read(profileFile, profile, properties);
		return new ServiceConfiguration(service, profile, properties, Map.copyOf(environment));
	}

	static boolean hasProfile(String service, String profile) {
		return Files.isRegularFile(Repository.module(service).resolve("src/main/resources/application-" + profile + ".yml"));
	}

	/** The resolved value; a placeholder without default whose variable the environment lacks fails. */
	Optional<String> find(String key) {
		return Optional.ofNullable(this.properties.get(key)).map((value) -> resolve(key, value));
	}

	String get(String key) {
		return find(key).orElseThrow(() -> new AssertionError(
				this.service + " (profile " + this.profile + ") does not set " + key));
	}

	int getInt(String key) {
		return Integer.parseInt(get(key));
	}

	/** The variable a property's placeholder reads, e.g. SAMMEN_MONGODB_URI for spring.mongodb.uri. */
	Optional<String> variableOf(String key) {
		Matcher matcher = PLACEHOLDER.matcher(Optional.ofNullable(this.properties.get(key)).orElse(""));
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	private String resolve(String key, String value) {
		Matcher matcher = PLACEHOLDER.matcher(value);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			String replacement = this.environment.containsKey(name) ? this.environment.get(name) : matcher.group(2);
			if (replacement == null) {
				throw new AssertionError(this.service + " (profile " + this.profile + "): " + key + " needs " + name
						+ ", which the deployment does not set");
			}
			matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	private static void read(Path file, String profile, Map<String, String> into) {
		try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
			while (documents.hasNext()) {
				JsonNode document = documents.next();
				JsonNode onProfile = document.path("spring").path("config").path("activate").path("on-profile");
				if (onProfile.isMissingNode() || onProfile.asText().equals(profile)) {
					flatten("", document, into);
				}
			}
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot read " + file, ex);
		}
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				flatten(prefix + "[" + i + "]", node.get(i), into);
			}
		}
		else {
			into.put(prefix, node.asText());
		}
	}

}
