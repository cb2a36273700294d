package dk.sammen.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;

/**
 * The environment a container starts with: its ConfigMaps (envFrom), then its own env, which wins.
 * Values from Secrets are not known here and stand as {@code <secret name/key>}.
 */
final class ContainerEnvironment {

	private ContainerEnvironment() {
	}

	static Map<String, String> of(Manifests manifests, Container container) {
		Map<String, String> environment = new LinkedHashMap<>();
		if (container.getEnvFrom() != null) {
			for (EnvFromSource source : container.getEnvFrom()) {
				if (source.getConfigMapRef() != null) {
					String name = source.getConfigMapRef().getName();
					ConfigMap map = manifests.find(ConfigMap.class, name)
						.orElseThrow(() -> new AssertionError(container.getName() + " reads ConfigMap " + name
								+ ", which the manifests do not contain"));
					environment.putAll(map.getData());
				}
			}
		}
		if (container.getEnv() != null) {
			for (EnvVar variable : container.getEnv()) {
				if (variable.getValue() != null) {
					environment.put(variable.getName(), variable.getValue());
				}
				else if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null
						&& !Boolean.TRUE.equals(variable.getValueFrom().getSecretKeyRef().getOptional())) {
					var secret = variable.getValueFrom().getSecretKeyRef();
					environment.put(variable.getName(), "<secret " + secret.getName() + "/" + secret.getKey() + ">");
				}
			}
		}
		return environment;
	}

}
