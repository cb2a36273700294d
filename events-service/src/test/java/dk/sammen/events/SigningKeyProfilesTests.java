package dk.sammen.events;

import dk.sammen.platform.test.SigningKeyProfilesChecks;

class SigningKeyProfilesTests extends SigningKeyProfilesChecks {

	@Override
	protected Class<?> applicationClass() {
		return EventsServiceApplication.class;
	}

}
