package dk.sammen.notification.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends each message over an SMTP connection kept open from the letter before, instead of a new
 * connection, greeting and {@code QUIT} per letter ({@link JavaMailSenderImpl#send} connects per
 * call). A connection is used by one thread at a time, given back only after a message it carried
 * was accepted, and closed after {@code messagesPerConnection} messages or when it was idle for
 * {@code idleReuse} (before the relay would drop it). Any failure closes it: the next attempt, the
 * {@link Mailer}'s retry, starts on a new one. Failures come out as Spring's {@link MailException}s,
 * as from {@link JavaMailSender#send}, so they are classified the same way.
 */
final class SmtpConnections implements AutoCloseable {

	/** Idle connections kept: one per sending thread is all that is ever needed. */
	private static final int MOST_IDLE = 16;

	private final JavaMailSender sender;

	private final int messagesPerConnection;

	private final Duration idleReuse;

	private final Clock clock;

	private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

	private volatile boolean closed;

	private record Connection(Transport transport, int sent, Instant idleSince) {
	}

	SmtpConnections(JavaMailSender sender, int messagesPerConnection, Duration idleReuse, Clock clock) {
		this.sender = sender;
		this.messagesPerConnection = messagesPerConnection;
		this.idleReuse = idleReuse;
		this.clock = clock;
	}

	void send(MimeMessage message) throws MailException {
		if (!(this.sender instanceof JavaMailSenderImpl javaMail) || this.messagesPerConnection <= 1) {
			this.sender.send(message);
			return;
		}
		Connection connection = reusable();
		Transport transport = (connection != null) ? connection.transport() : connect(javaMail);
		int sent = (connection != null) ? connection.sent() : 0;
		try {
			transmit(transport, message);
		}
		catch (MessagingException ex) {
			closeQuietly(transport);
			throw new MailSendException(Map.of(message, ex));
		}
		catch (RuntimeException ex) {
			closeQuietly(transport);
			throw ex;
		}
		giveBack(new Connection(transport, sent + 1, this.clock.instant()));
	}

	private @Nullable Connection reusable() {
		Instant now = this.clock.instant();
		for (Connection connection = this.idle.pollFirst(); connection != null; connection = this.idle.pollFirst()) {
			if (connection.idleSince().plus(this.idleReuse).isAfter(now)) {
				return connection;
			}
			closeQuietly(connection.transport());
		}
		return null;
	}

	private void giveBack(Connection connection) {
		if (this.closed || connection.sent() >= this.messagesPerConnection || this.idle.size() >= MOST_IDLE) {
			closeQuietly(connection.transport());
			return;
		}
		this.idle.offerFirst(connection);
		if (this.closed) {
			close();
		}
	}

	/** As {@link JavaMailSenderImpl} connects: its session, protocol, host, port and credentials. */
	private static Transport connect(JavaMailSenderImpl javaMail) throws MailException {
		String username = javaMail.getUsername();
		String password = javaMail.getPassword();
		if ("".equals(username)) {
			username = null;
			if ("".equals(password)) {
				password = null;
			}
		}
		try {
			String protocol = javaMail.getProtocol();
			Transport transport = (protocol != null) ? javaMail.getSession().getTransport(protocol)
					: javaMail.getSession().getTransport();
			transport.connect(javaMail.getHost(), javaMail.getPort(), username, password);
			return transport;
		}
		catch (AuthenticationFailedException ex) {
			throw new MailAuthenticationException(ex);
		}
		catch (MessagingException ex) {
			throw new MailSendException("Mail server connection failed", ex);
		}
	}

	/** As {@link JavaMailSenderImpl} sends: a sent date, and the Message-ID kept through {@code saveChanges}. */
	private static void transmit(Transport transport, MimeMessage message) throws MessagingException {
		if (message.getSentDate() == null) {
			message.setSentDate(new Date());
		}
		String messageId = message.getMessageID();
		message.saveChanges();
		if (messageId != null) {
			message.setHeader("Message-ID", messageId);
		}
		Address[] recipients = message.getAllRecipients();
		transport.sendMessage(message, (recipients != null) ? recipients : new Address[0]);
	}

	private static void closeQuietly(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException | RuntimeException ex) {
			// closing a connection that failed; nothing more to do with it
		}
	}

	@Override
	public void close() {
		this.closed = true;
		for (Connection connection = this.idle.pollFirst(); connection != null; connection = this.idle.pollFirst()) {
			closeQuietly(connection.transport());
		}
	}

}
