package dk.sammen.notification.webhook;

/** An endpoint URL the SSRF rules refuse; the message says why, in words a partner can act on. */
class UnsafeUrlException extends Exception {

	UnsafeUrlException(String message) {
		super(message);
	}

}
