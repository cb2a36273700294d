package dk.sammen.platform.consumer;

/**
 * A record that can never be processed, however often it is retried: not a CloudEvent, not JSON,
 * or not the shape its type promises. It goes to the dead-letter topic at once.
 */
public class PoisonMessageException extends RuntimeException {

	public PoisonMessageException(String message) {
		super(message);
	}

	public PoisonMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
