package dk.sammen.notification;

import java.util.Map;

import dk.sammen.platform.test.SigningKeyProfilesChecks;

class SigningKeyProfilesTests extends SigningKeyProfilesChecks {

	@Override
	protected Class<?> applicationClass() {
		return NotificationServiceApplication.class;
	}

	/** The profiles also require the SMTP relay and the link-signing secret; given here, only the signing key lacks. */
	@Override
	protected Map<String, Object> otherRequiredSettings() {
		return Map.of("SAMMEN_MAIL_HOST", "smtp.example.dk", "SAMMEN_NOTIFICATION_TOKEN_SECRET",
				"a-token-secret-of-at-least-32-characters");
	}

}
