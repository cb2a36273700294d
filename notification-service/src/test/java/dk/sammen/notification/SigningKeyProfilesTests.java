package dk.sammen.notification;

import dk.sammen.platform.test.SigningKeyProfilesChecks;

class SigningKeyProfilesTests extends SigningKeyProfilesChecks {

	@Override
	protected Class<?> applicationClass() {
		return NotificationServiceApplication.class;
	}

}
