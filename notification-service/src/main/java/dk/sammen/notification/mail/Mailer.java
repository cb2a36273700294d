package dk.sammen.notification.mail;

/** Renders and sends one letter. To be implemented. */
public class Mailer {

	/**
	 * Renders {@code letter} for {@code to} and sends it, waiting for the rate limit and retrying
	 * temporary failures. Blocks; never call it on the event loop.
	 * @param messageId the RFC 5322 Message-ID without angle brackets, fixed per edition and
	 * subscriber so a receiving system can recognise a copy
	 */
	public SendOutcome send(String messageId, Recipient to, Letter letter) {
		throw new UnsupportedOperationException("not built yet");
	}

}
