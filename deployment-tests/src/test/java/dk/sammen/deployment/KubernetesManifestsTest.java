package dk.sammen.deployment;

import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay, rendered as kubectl would apply it, against the schemas and our rules. */
class KubernetesManifestsTest {

	static Stream<String> overlays() {
		return Stream.concat(Stream.of("base"), Kustomize.overlays().stream());
	}

	private static Manifests rendered(String overlay) {
		return Manifests.read(Kustomize.render(overlay));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void rendering_yieldsOnlyObjectsValidAgainstTheirSchemas(String overlay) {
		Manifests manifests = rendered(overlay);

		assertThat(manifests.violations()).as("schema violations in %s", overlay).isEmpty();
		assertThat(manifests.all()).extracting((object) -> object.getKind())
			.as("what %s deploys", overlay)
			.contains("Deployment", "Service", "StatefulSet", "Job", "ConfigMap", "PodDisruptionBudget",
					"HorizontalPodAutoscaler", "NetworkPolicy", "Ingress", "ServiceMonitor", "Kafka", "KafkaNodePool",
					"KafkaTopic");
		assertThat(manifests.of(Deployment.class)).extracting((deployment) -> deployment.getMetadata().getName())
			.containsAll(Repository.SERVICES);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyContainer_isProbedLimitedAndUnprivileged(String overlay) {
		assertThat(ManifestRules.containers(rendered(overlay))).as("in %s", overlay).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyService_selectsAWorkloadsPodsAndTheirPorts(String overlay) {
		assertThat(ManifestRules.services(rendered(overlay))).as("in %s", overlay).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyAutoscalerAndDisruptionBudget_targetsAnExistingWorkload(String overlay) {
		assertThat(ManifestRules.scalingAndDisruption(rendered(overlay))).as("in %s", overlay).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void everyPod_isRestrictedByNetworkPoliciesBothWays(String overlay) {
		assertThat(ManifestRules.networkPolicies(rendered(overlay))).as("in %s", overlay).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void ingressAndServiceMonitor_pointAtExistingServicePorts(String overlay) {
		assertThat(ManifestRules.entryAndMonitoring(rendered(overlay))).as("in %s", overlay).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void rendering_leavesNoSecretInTheManifests(String overlay) {
		// secrets are created out of band (k8s/README.md); a Secret here would be committed
		assertThat(rendered(overlay).all()).extracting((object) -> object.getKind())
			.as("in %s", overlay)
			.doesNotContain("Secret");
	}

	static List<String> sammenServices() {
		return Repository.SERVICES;
	}

}
