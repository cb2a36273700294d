package dk.sammen.notification.webhook;


import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The private-network switch is refused where real partners' URLs are delivered to. */
class WebhookConfigurationTests {

	@ParameterizedTest
	@ValueSource(strings = { "k8s", "compose" })
	void refusesPrivateNetworks_inDeployedProfiles(String profile) {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles(profile);

		assertThatThrownBy(() -> new WebhookConfiguration(properties(true), environment))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("allow-private-networks");
		assertThatCode(() -> new WebhookConfiguration(properties(false), environment)).doesNotThrowAnyException();
	}

	private static WebhookProperties properties(boolean allowPrivateNetworks) {
		return new org.springframework.boot.context.properties.bind.Binder(
				new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of(
						"sammen.notification.webhooks.allow-private-networks", String.valueOf(allowPrivateNetworks),
						"sammen.notification.webhooks.encryption.active-key", "k",
						"sammen.notification.webhooks.encryption.keys[0].id", "k",
						"sammen.notification.webhooks.encryption.keys[0].secret", "x".repeat(32))))
			.bindOrCreate("sammen.notification.webhooks", WebhookProperties.class);
	}


}
