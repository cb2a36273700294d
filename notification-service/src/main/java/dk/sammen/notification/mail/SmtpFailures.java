package dk.sammen.notification.mail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Tells a failure that may pass (SMTP 4xx, no connection, a timeout) from one that will not (SMTP
 * 5xx such as 550 no such user, an address that is not one). When in doubt it is temporary: a
 * retry costs little, a letter given up for good is lost.
 */
final class SmtpFailures {

	private SmtpFailures() {
	}

	static SendOutcome classify(MailException failure) {
		if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
			return new SendOutcome.PermanentFailure("the message could not be built: " + failure.getMessage());
		}
		List<Throwable> chain = chain(failure);
		for (Throwable cause : chain) {
			int code = replyCode(cause);
			if (code >= 500 && code < 600) {
				return new SendOutcome.PermanentFailure(reply(cause));
			}
			if (code >= 400 && code < 500) {
				return new SendOutcome.TemporaryFailure(reply(cause));
			}
		}
		if (failure instanceof MailAuthenticationException) {
			// the relay refused our credentials: a fault of this installation, not of the address
			return new SendOutcome.TemporaryFailure("the SMTP server refused the login: " + failure.getMessage());
		}
		for (Throwable cause : chain) {
			if (cause instanceof AddressException) {
				return new SendOutcome.PermanentFailure("not a valid address: " + cause.getMessage());
			}
			if (cause instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
					&& sendFailed.getInvalidAddresses().length > 0) {
				return new SendOutcome.PermanentFailure("the SMTP server refused the address: " + cause.getMessage());
			}
		}
		// refused, reset or timed out: the deepest I/O failure says most
		IOException io = null;
		for (Throwable cause : chain) {
			if (cause instanceof IOException ioException) {
				io = ioException;
			}
		}
		Throwable cause = (io != null) ? io : failure.getMostSpecificCause();
		return new SendOutcome.TemporaryFailure(((io != null) ? "no connection to the SMTP server: " : "")
				+ cause.getClass().getSimpleName() + ": " + cause.getMessage());
	}

	/** The failure, the exception of each failed message, and their causes (Jakarta Mail chains with getNextException, which getCause returns). */
	private static List<Throwable> chain(MailException failure) {
		List<Throwable> roots = new ArrayList<>();
		if (failure instanceof MailSendException send) {
			roots.addAll(List.of(send.getMessageExceptions()));
		}
		roots.add(failure);
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> chain = new ArrayList<>();
		for (Throwable root : roots) {
			for (Throwable t = root; t != null && seen.add(t); t = t.getCause()) {
				chain.add(t);
			}
		}
		return chain;
	}

	/**
	 * The SMTP reply code of Angus Mail's {@code SMTPSendFailedException} and
	 * {@code SMTPAddressFailedException}, or 0. Read by name: Angus is the runtime implementation of
	 * the Jakarta Mail API this module compiles against.
	 */
	private static int replyCode(Throwable failure) {
		if (!(failure instanceof SendFailedException)) {
			return 0;
		}
		try {
			Method getter = failure.getClass().getMethod("getReturnCode");
			return (getter.getReturnType() == int.class) ? (int) getter.invoke(failure) : 0;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return 0;
		}
	}

	private static String reply(Throwable failure) {
		String message = failure.getMessage();
		return (message != null) ? message.strip() : "SMTP reply " + replyCode(failure);
	}

}
