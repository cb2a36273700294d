package dk.sammen.notification.mail;

/** How sending one mail ended. */
public sealed interface SendOutcome {

	/** The SMTP server accepted the message. */
	record Sent() implements SendOutcome {
	}

	/** Refused for good (e.g. 5xx: no such mailbox); retrying will not help. */
	record PermanentFailure(String reason) implements SendOutcome {
	}

	/** Still failing (e.g. 4xx, connection refused) after every retry; the message was not accepted. */
	record TemporaryFailure(String reason) implements SendOutcome {
	}

}
