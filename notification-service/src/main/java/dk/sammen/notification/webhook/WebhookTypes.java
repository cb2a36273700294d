package dk.sammen.notification.webhook;

import java.util.List;

import dk.sammen.contracts.CloudEventTypes;

/**
 * The CloudEvent types an endpoint may ask for: the changes of the organisation's own events on
 * {@code sammen.events.v1}. Campaign activities belong to campaigns, not to an organisation, so
 * they are left out until subscriptions by kommune exist.
 */
final class WebhookTypes {

	static final List<String> ALL = List.of(CloudEventTypes.EVENT_PUBLISHED_V1, CloudEventTypes.EVENT_UPDATED_V1,
			CloudEventTypes.EVENT_CANCELLED_V1);

	private WebhookTypes() {
	}

}
