package dk.sammen.gateway.apikey;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dk.sammen.gateway.GatewayApplication;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.platform.identity.ApiKeySecrets;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The bootstrap admin key guards a real installation: under the {@code compose} and {@code k8s}
 * profiles the gateway refuses to start without one, or with one that is short or a typed pattern,
 * and says which setting to fix; the local stack (default profile) starts without one. The whole
 * gateway is started each time, on the shared broker.
 */
@DisabledIfEnvironmentVariable(named = "SAMMEN_ADMIN_KEY", matches = ".*",
		disabledReason = "the environment provides an admin key")
class AdminKeyProfilesTest {

	private static final String SIGNING_KEY = "admin-key-profiles-test-signing-key-0123456789";

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "unset", value = {
			"compose | unset | must be set (SAMMEN_ADMIN_KEY)",
			"k8s     | unset | must be set (SAMMEN_ADMIN_KEY)",
			"compose | ''    | must be set (SAMMEN_ADMIN_KEY)",
			"k8s     | '   ' | must be set (SAMMEN_ADMIN_KEY)",
			"compose | admin | (SAMMEN_ADMIN_KEY) is too weak",
			"k8s     | smn_Xq3v9LkT0aPz7RbN2cYw5 | (SAMMEN_ADMIN_KEY) is too weak",
			"compose | changemechangemechangemechangeme | (SAMMEN_ADMIN_KEY) is too weak",
			"k8s     | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | (SAMMEN_ADMIN_KEY) is too weak" })
	void start_withoutStrongAdminKeyInProfile_isRefusedNamingTheSetting(String profile, String adminKey,
			String reason) {
		SpringApplicationBuilder gateway = new SpringApplicationBuilder(GatewayApplication.class).profiles(profile);

		assertThatException().isThrownBy(() -> gateway.run(arguments(adminKey)).close())
			.withStackTraceContaining("sammen.gateway.admin-key")
			.withStackTraceContaining(reason);
	}

	@Test
	void start_withGeneratedAdminKeyInComposeProfile_starts() {
		try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
			.profiles("compose")
			.run(arguments(ApiKeySecrets.newKey()))) {
			assertThat(gateway.isRunning()).isTrue();
		}
	}

	@Test
	void start_withoutAdminKeyInDefaultProfile_starts() {
		try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
			.run(arguments(null))) {
			assertThat(gateway.isRunning()).isTrue();
			assertThat(gateway.getBean(ApiKeyProperties.class).adminKey()).isNullOrEmpty();
		}
	}

	/** Command-line arguments, so that they win over the profiles' files; the key only when given. */
	private static String[] arguments(String adminKey) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + KafkaBroker.shared().bootstrapServers(),
				"--sammen.identity.signing-key=" + SIGNING_KEY));
		if (adminKey != null) {
			arguments.add("--sammen.gateway.admin-key=" + adminKey);
		}
		return arguments.toArray(String[]::new);
	}

}
