package dk.sammen.notification.subscription;

/** Where a subscriber is in the double opt-in. */
public enum SubscriberStatus {

	/** Subscribed, not yet confirmed: only ever gets confirmation mails. */
	PENDING,

	/** Confirmed by the link in the confirmation mail: gets what they chose. */
	CONFIRMED,

	/** Withdrew consent: gets nothing; the record stays until erased. */
	UNSUBSCRIBED

}
