package dk.sammen.deployment;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Rendered manifests read into the typed models of the APIs that will receive them: fabric8's
 * Kubernetes model, Strimzi's own API model for its resources and fabric8's Prometheus Operator
 * model for ServiceMonitor. Those are generated from the APIs' OpenAPI schemas and come from Maven
 * Central, so nothing needs a cluster or a download at test time. They accept unknown fields into
 * {@code additionalProperties} instead of failing, so every object is walked afterwards and any
 * such field is a schema violation: a misspelt {@code readinesProbe} is caught, not ignored.
 */
final class Manifests {

	/** apiVersion/kind → the model class; anything else has no schema here and is refused. */
	private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
			Map.entry("v1/ConfigMap", ConfigMap.class), Map.entry("v1/Secret", Secret.class),
			Map.entry("v1/Service", Service.class), Map.entry("apps/v1/Deployment", Deployment.class),
			Map.entry("apps/v1/StatefulSet", StatefulSet.class), Map.entry("batch/v1/Job", Job.class),
			Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
			Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
			Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
			Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
			Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
			Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
			Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
			Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class));

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private static final ObjectMapper MODEL = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.build();

	private final List<HasMetadata> objects;

	private final List<String> violations;

	private Manifests(List<HasMetadata> objects, List<String> violations) {
		this.objects = objects;
		this.violations = violations;
	}

	/** Reads a multi-document YAML stream; what does not fit its schema is in {@link #violations()}. */
	static Manifests read(String yaml) {
		List<HasMetadata> objects = new ArrayList<>();
		List<String> violations = new ArrayList<>();
		try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
			while (documents.hasNext()) {
				JsonNode document = documents.next();
				if (document == null || document.isNull() || document.isEmpty()) {
					continue;
				}
				String apiVersion = document.path("apiVersion").asText();
				String kind = document.path("kind").asText();
				String name = document.path("metadata").path("name").asText();
				String id = kind + " " + name;
				Class<? extends HasMetadata> model = MODELS.get(apiVersion + "/" + kind);
				if (model == null) {
					violations.add(id + ": no schema for " + apiVersion + " " + kind);
					continue;
				}
				try {
					HasMetadata object = MODEL.treeToValue(document, model);
					unknownFields(object, id, violations);
					objects.add(object);
				}
				catch (JsonProcessingException ex) {
					violations.add(id + ": " + ex.getOriginalMessage() + " at " + ex.getLocation());
				}
			}
		}
		catch (java.io.IOException ex) {
			violations.add("not YAML: " + ex.getMessage());
		}
		return new Manifests(List.copyOf(objects), List.copyOf(violations));
	}

	List<String> violations() {
		return this.violations;
	}

	List<HasMetadata> all() {
		return this.objects;
	}

	<T extends HasMetadata> List<T> of(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return of(type).stream().filter((object) -> object.getMetadata().getName().equals(name)).findFirst();
	}

	<T extends HasMetadata> T get(Class<T> type, String name) {
		return find(type, name)
			.orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " named " + name));
	}

	/** A ConfigMap by the name it was generated from (Kustomize appends a content hash). */
	Map<String, String> configMap(String generatedFrom) {
		return of(ConfigMap.class).stream()
			.filter((map) -> map.getMetadata().getName().matches(java.util.regex.Pattern.quote(generatedFrom) + "(-[a-z0-9]{10})?"))
			.findFirst()
			.map(ConfigMap::getData)
			.orElseThrow(() -> new AssertionError("No ConfigMap generated from " + generatedFrom));
	}

	/** Walks the model objects and reports every field the schema does not know. */
	private static void unknownFields(Object value, String path, List<String> violations) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				unknownFields(item, path + "[" + i++ + "]", violations);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> unknownFields(item, path + "." + key, violations));
			return;
		}
		String packageName = value.getClass().getPackageName();
		if (!packageName.startsWith("io.fabric8") && !packageName.startsWith("io.strimzi")) {
			return;
		}
		for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				Object fieldValue = read(field, value);
				if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> unknown) {
					unknown.keySet().forEach((key) -> violations.add(path + ": unknown field '" + key + "'"));
				}
				else {
					unknownFields(fieldValue, path + "." + field.getName(), violations);
				}
			}
		}
	}

	private static Object read(Field field, Object owner) {
		try {
			field.setAccessible(true);
			return field.get(owner);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
