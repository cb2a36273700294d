package dk.sammen.notification.token;

/** What a token lets its holder do; a token for one purpose is worthless for another. */
public enum TokenPurpose {

	/** Confirm a pending subscription (double opt-in). */
	CONFIRM("c"),

	/** See, change and erase what is stored. */
	MANAGE("m"),

	/** Unsubscribe in one click (RFC 8058). */
	UNSUBSCRIBE("u");

	private final String tag;

	TokenPurpose(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
