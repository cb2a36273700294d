package dk.sammen.notification;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dk.sammen.platform.test.SigningKeyProfilesChecks;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

class SigningKeyProfilesTests extends SigningKeyProfilesChecks {

	@Override
	protected Class<?> applicationClass() {
		return NotificationServiceApplication.class;
	}

	/**
	 * The profiles also require the SMTP relay, the link-signing secret and the webhook encryption key;
	 * given here, only the signing key lacks.
	 */
	@Override
	protected Map<String, Object> otherRequiredSettings() {
		return Map.of("SAMMEN_MAIL_HOST", "smtp.example.dk", "SAMMEN_NOTIFICATION_TOKEN_SECRET",
				"a-token-secret-of-at-least-32-characters", "SAMMEN_NOTIFICATION_WEBHOOK_SECRET_KEY",
				"a-webhook-key-of-at-least-32-characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "compose", "k8s" })
	void refusesToStart_withoutWebhookEncryptionKeyInProfile(String profile) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(applicationClass()).profiles(profile)
			.properties(Map.of("SAMMEN_MAIL_HOST", "smtp.example.dk", "SAMMEN_NOTIFICATION_TOKEN_SECRET",
					"a-token-secret-of-at-least-32-characters", "SAMMEN_IDENTITY_SIGNING_KEY",
					"a-signing-key-of-at-least-32-characters-long"))
			.web(WebApplicationType.NONE);
		assertThatException().isThrownBy(application::run).withStackTraceContaining("SAMMEN_NOTIFICATION_WEBHOOK_SECRET_KEY");
	}

}
