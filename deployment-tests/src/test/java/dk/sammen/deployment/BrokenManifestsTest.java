package dk.sammen.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks can fail: a fixture with one mistake of each kind is refused, each mistake by name. */
class BrokenManifestsTest {

	private static Manifests broken() {
		try (InputStream in = BrokenManifestsTest.class.getResourceAsStream("/broken/manifests.yaml")) {
			return Manifests.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void reading_misspeltFields_areSchemaViolations() {
		assertThat(broken().violations()).anySatisfy((violation) -> assertThat(violation)
			.startsWith("Deployment events-service")
			.contains("unknown field 'readinesProbe'"))
			.anySatisfy((violation) -> assertThat(violation).startsWith("KafkaTopic sammen-events-v1")
				.contains("unknown field 'partition'"))
			.anySatisfy((violation) -> assertThat(violation).contains("no schema for example.org/v1 Unheard"));
	}

	@Test
	void containerRules_unprobedUnlimitedRootContainer_isRefusedForEachReason() {
		assertThat(ManifestRules.containers(broken())).contains(
				"Deployment events-service container events-service: no readinessProbe",
				"Deployment events-service container events-service: no livenessProbe",
				"Deployment events-service container events-service: no memory limit",
				"Deployment events-service container events-service: runAsNonRoot is not true",
				"Deployment events-service container events-service: readOnlyRootFilesystem is not true",
				"Deployment events-service container events-service: does not drop ALL capabilities",
				"Deployment events-service: automountServiceAccountToken is not false")
			.anySatisfy((violation) -> assertThat(violation).contains("cpu request 2 above its limit 1"));
	}

	@Test
	void serviceRules_selectorWithATypo_selectsNothing() {
		assertThat(ManifestRules.services(broken()))
			.containsExactly("Service campaign-service: selects no Deployment's or StatefulSet's pods");
	}

	@Test
	void scalingRules_autoscalerOfAMissingDeployment_isRefused() {
		assertThat(ManifestRules.scalingAndDisruption(broken()))
			.containsExactly("HorizontalPodAutoscaler gateway: targets Deployment gateway, which does not exist");
	}

	@Test
	void networkRules_podWithoutAPolicy_isRefused() {
		assertThat(ManifestRules.networkPolicies(broken()))
			.containsExactly("Deployment events-service: not restricted by a NetworkPolicy in both directions");
	}

}
