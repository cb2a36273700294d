package dk.sammen.campaign;

import dk.sammen.platform.test.SigningKeyProfilesChecks;

class SigningKeyProfilesTests extends SigningKeyProfilesChecks {

	@Override
	protected Class<?> applicationClass() {
		return CampaignServiceApplication.class;
	}

}
