package dk.sammen.contracts;

/** Kafka topics the services share. Partition counts and retention are documented in the README. */
public final class Topics {

	/** Lifecycle of partner events, keyed by event id. */
	public static final String EVENTS = "sammen.events.v1";

	/** API keys issued and revoked, keyed by key id; compacted so a reader can rebuild the key set. */
	public static final String API_KEYS = "sammen.api-keys.v1";

	/**
	 * Partner organisations as other services may know them (name, kind, contact address), keyed by
	 * organisation id; compacted so a reader can rebuild the directory from the beginning.
	 */
	public static final String ORGANISATIONS = "sammen.organisations.v1";

	/** Campaign activities, keyed by activity id. */
	public static final String CAMPAIGN_ACTIVITIES = "sammen.campaign-activities.v1";

	/**
	 * What a partner organisation must be told (e.g. "re-confirm your offer"), keyed by organisation
	 * id; notification-service mails it to the organisation's contact address.
	 */
	public static final String PARTNER_NOTICES = "sammen.partner-notices.v1";

	/**
	 * notification-service's delivery tasks, keyed by subscriber id; consumed by its own consumer group
	 * so adding replicas spreads the sending.
	 */
	public static final String NOTIFICATION_DELIVERIES = "sammen.notification-deliveries.v1";

	private Topics() {
	}

}
