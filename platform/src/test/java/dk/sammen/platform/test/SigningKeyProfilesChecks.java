package dk.sammen.platform.test;

import java.util.Map;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The development signing key exists only in the default profile: an installation that forgets
 * to provide its own must not start with a key everyone can read in the repository.
 */
@DisabledIfEnvironmentVariable(named = "SAMMEN_IDENTITY_SIGNING_KEY", matches = ".*",
		disabledReason = "the environment provides a signing key")
public abstract class SigningKeyProfilesChecks {

	/** The service's {@code @SpringBootApplication} class. */
	protected abstract Class<?> applicationClass();

	/** Other settings the profiles require without a default, so that only the signing key is missing. */
	protected Map<String, Object> otherRequiredSettings() {
		return Map.of();
	}

	@ParameterizedTest
	@ValueSource(strings = { "compose", "k8s" })
	void refusesToStart_withoutSigningKeyInProfile(String profile) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(applicationClass()).profiles(profile)
			.properties(otherRequiredSettings())
			.web(WebApplicationType.NONE);
		assertThatException().isThrownBy(application::run).withStackTraceContaining("SAMMEN_IDENTITY_SIGNING_KEY");
	}

}
