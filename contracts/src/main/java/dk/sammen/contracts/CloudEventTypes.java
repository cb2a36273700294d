package dk.sammen.contracts;

/** CloudEvent {@code type} attributes; the suffix is the payload version. */
public final class CloudEventTypes {

	public static final String EVENT_PUBLISHED_V1 = "dk.sammen.event.published.v1";

	public static final String EVENT_UPDATED_V1 = "dk.sammen.event.updated.v1";

	public static final String EVENT_CANCELLED_V1 = "dk.sammen.event.cancelled.v1";

	public static final String API_KEY_ISSUED_V1 = "dk.sammen.apikey.issued.v1";

	public static final String API_KEY_REVOKED_V1 = "dk.sammen.apikey.revoked.v1";

	public static final String CAMPAIGN_ACTIVITY_PUBLISHED_V1 = "dk.sammen.campaign.activity.published.v1";

	public static final String CAMPAIGN_ACTIVITY_UPDATED_V1 = "dk.sammen.campaign.activity.updated.v1";

	public static final String CAMPAIGN_ACTIVITY_CANCELLED_V1 = "dk.sammen.campaign.activity.cancelled.v1";

	public static final String RECONFIRMATION_REQUESTED_V1 = "dk.sammen.partner.reconfirmation-requested.v1";

	public static final String ORGANISATION_REGISTERED_V1 = "dk.sammen.organisation.registered.v1";

	public static final String ORGANISATION_UPDATED_V1 = "dk.sammen.organisation.updated.v1";

	public static final String DELIVERY_REQUESTED_V1 = "dk.sammen.notification.delivery.requested.v1";

	private CloudEventTypes() {
	}

}
