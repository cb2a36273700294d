package dk.sammen.gateway.apidocs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Merges OpenAPI descriptions into one as a client of the gateway sees it: every path, each
 * reachable at the gateway itself (server {@code /}), with the API key as a bearer token. The
 * services are described independently, so a component of the same name may mean different
 * things; the later one is then renamed after its service, references included.
 */
final class ApiDocsMerger {

	/** The merged description's account of which services it holds: {@code ok} or {@code unavailable}. */
	static final String SOURCES_EXTENSION = "x-sammen-sources";

	static final String SECURITY_SCHEME = "apiKey";

	private static final Log logger = LogFactory.getLog(ApiDocsMerger.class);

	/** The kinds of components merged; security schemes are the gateway's own, set below. */
	private static final List<ComponentKind<?>> COMPONENTS = List.of(
			new ComponentKind<>("schemas", Components::getSchemas, Components::setSchemas),
			new ComponentKind<>("responses", Components::getResponses, Components::setResponses),
			new ComponentKind<>("parameters", Components::getParameters, Components::setParameters),
			new ComponentKind<>("examples", Components::getExamples, Components::setExamples),
			new ComponentKind<>("requestBodies", Components::getRequestBodies, Components::setRequestBodies),
			new ComponentKind<>("headers", Components::getHeaders, Components::setHeaders),
			new ComponentKind<>("links", Components::getLinks, Components::setLinks),
			new ComponentKind<>("callbacks", Components::getCallbacks, Components::setCallbacks),
			new ComponentKind<>("pathItems", Components::getPathItems, Components::setPathItems));

	/** One description to merge, or the service that did not give one. */
	record Source(String name, @Nullable OpenAPI openApi) {
	}

	/** The descriptions in order, with which of them were available in {@link #SOURCES_EXTENSION}. */
	OpenAPI merge(Info info, List<Source> sources) {
		OpenAPI merged = empty(info);
		Map<String, String> status = new LinkedHashMap<>();
		for (Source source : sources) {
			status.put(source.name(), (source.openApi() != null) ? "ok" : "unavailable");
			if (source.openApi() != null) {
				add(merged, source.name(), source.openApi());
			}
		}
		merged.addExtension(SOURCES_EXTENSION, status);
		return merged;
	}

	/** One service's description as the gateway serves it. */
	OpenAPI single(String name, OpenAPI openApi) {
		OpenAPI result = empty((openApi.getInfo() != null) ? openApi.getInfo() : new Info().title(name).version("v1"));
		add(result, name, openApi);
		return result;
	}

	private static OpenAPI empty(Info info) {
		Components components = new Components().addSecuritySchemes(SECURITY_SCHEME,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("A partner's or editor's API key: `Authorization: Bearer <api-key>`. Public reads "
							+ "need none."));
		return new OpenAPI(SpecVersion.V31).openapi("3.1.0")
			.info(info)
			.servers(List.of(new Server().url("/").description("This gateway")))
			.paths(new Paths())
			.components(components)
			// either the key or nothing: each operation's own rules say which it needs
			.security(List.of(new SecurityRequirement().addList(SECURITY_SCHEME), new SecurityRequirement()));
	}

	private static void add(OpenAPI merged, String name, OpenAPI openApi) {
		OpenAPI source = OpenApiJson.copy(openApi);
		Map<String, String> renames = renames(merged.getComponents(), source.getComponents(), name);
		if (!renames.isEmpty()) {
			source = OpenApiJson.renamed(source, renames);
		}
		if (source.getPaths() != null) {
			source.getPaths().forEach((path, item) -> {
				if (merged.getPaths().putIfAbsent(path, item) != null) {
					logger.warn("Path " + path + " of " + name + " is described already; leaving it out");
				}
			});
		}
		if (source.getWebhooks() != null) {
			source.getWebhooks().forEach((webhook, item) -> {
				if (merged.getWebhooks() == null || !merged.getWebhooks().containsKey(webhook)) {
					merged.addWebhooks(webhook, item);
				}
			});
		}
		if (source.getComponents() != null) {
			for (ComponentKind<?> kind : COMPONENTS) {
				kind.addAll(merged.getComponents(), source.getComponents());
			}
		}
		if (source.getTags() != null) {
			for (Tag tag : source.getTags()) {
				if (merged.getTags() == null
						|| merged.getTags().stream().noneMatch((known) -> known.getName().equals(tag.getName()))) {
					merged.addTagsItem(tag);
				}
			}
		}
	}

	/** New names for the components that mean something else than the same name already merged. */
	private static Map<String, String> renames(Components merged, @Nullable Components source, String name) {
		Map<String, String> renames = new LinkedHashMap<>();
		if (source == null) {
			return renames;
		}
		String prefix = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
		for (ComponentKind<?> kind : COMPONENTS) {
			Map<String, ?> known = kind.get().apply(merged);
			Map<String, ?> added = kind.get().apply(source);
			if (known == null || added == null) {
				continue;
			}
			List<String> taken = new ArrayList<>(known.keySet());
			taken.addAll(added.keySet());
			added.forEach((component, value) -> {
				if (known.containsKey(component) && !Objects.equals(known.get(component), value)) {
					String newName = prefix + component;
					for (int i = 2; taken.contains(newName); i++) {
						newName = prefix + component + i;
					}
					taken.add(newName);
					renames.put("#/components/" + kind.name() + "/" + component, newName);
				}
			});
		}
		return renames;
	}

	/** One map of {@link Components}, read and filled alike for each kind. */
	private record ComponentKind<T>(String name, Function<Components, @Nullable Map<String, T>> get,
			BiConsumer<Components, Map<String, T>> set) {

		void addAll(Components merged, Components source) {
			Map<String, T> added = this.get.apply(source);
			if (added == null) {
				return;
			}
			Map<String, T> target = this.get.apply(merged);
			if (target == null) {
				target = new LinkedHashMap<>();
				this.set.accept(merged, target);
			}
			for (Map.Entry<String, T> component : added.entrySet()) {
				target.putIfAbsent(component.getKey(), component.getValue());
			}
		}

	}

}
