package dk.sammen.localstack;

import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * A dev mailbox (GreenMail) with SMTP and IMAP on 127.0.0.1. Every mail is accepted and kept;
 * any IMAP client reads a recipient's mail with login = the recipient address and password =
 * the same. Mail is kept in memory, so it is gone after {@link #stop()}.
 *
 * <pre>{@code
 * DevMailbox mailbox = DevMailbox.onFreePorts().start();
 * // spring.mail.host=127.0.0.1, spring.mail.port=mailbox.smtpPort()
 * mailbox.awaitMessages(1, Duration.ofSeconds(10));
 * }</pre>
 */
public final class DevMailbox implements AutoCloseable {

	public static final int DEFAULT_SMTP_PORT = 3025;

	public static final int DEFAULT_IMAP_PORT = 3143;

	private int smtpPort;

	private int imapPort;

	private @Nullable GreenMail greenMail;

	/** SMTP on 3025 and IMAP on 3143. */
	public DevMailbox() {
		this(DEFAULT_SMTP_PORT, DEFAULT_IMAP_PORT);
	}

	/** The given ports; 0 picks a free one on the first start. */
	public DevMailbox(int smtpPort, int imapPort) {
		this.smtpPort = requirePort(smtpPort);
		this.imapPort = requirePort(imapPort);
	}

	/** SMTP and IMAP on free ports, for tests. */
	public static DevMailbox onFreePorts() {
		return new DevMailbox(0, 0);
	}

	/**
	 * Starts SMTP and IMAP; after a {@link #stop()} on the same ports as before, empty. Does
	 * nothing if already running.
	 * @return this mailbox
	 */
	public synchronized DevMailbox start() {
		if (this.greenMail != null) {
			return this;
		}
		GreenMail started = new GreenMail(new ServerSetup[] { new ServerSetup(this.smtpPort, "127.0.0.1", "smtp"),
				new ServerSetup(this.imapPort, "127.0.0.1", "imap") });
		// GreenMail creates a user with login and password = the address for every recipient;
		// without authentication an IMAP login also works before the first mail has arrived
		started.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		started.start();
		this.smtpPort = started.getSmtp().getPort();
		this.imapPort = started.getImap().getPort();
		this.greenMail = started;
		return this;
	}

	public synchronized void stop() {
		GreenMail running = this.greenMail;
		if (running != null) {
			running.stop();
			this.greenMail = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	public synchronized boolean isRunning() {
		return this.greenMail != null;
	}

	/**
	 * The SMTP port, chosen on the first start if it was 0.
	 * @throws IllegalStateException before the first start when the port is still to be chosen
	 */
	public synchronized int smtpPort() {
		return chosen(this.smtpPort);
	}

	/**
	 * The IMAP port, chosen on the first start if it was 0.
	 * @throws IllegalStateException before the first start when the port is still to be chosen
	 */
	public synchronized int imapPort() {
		return chosen(this.imapPort);
	}

	/** Every message received so far, in arrival order; one copy per recipient. */
	public List<MimeMessage> receivedMessages() {
		return List.of(running().getReceivedMessages());
	}

	/** The messages in the address's inbox, in arrival order (Bcc included). */
	public List<MimeMessage> receivedMessagesFor(String address) {
		GreenMail running = running();
		GreenMailUser user = running.getUserManager().getUserByEmail(address);
		if (user == null) {
			return List.of();
		}
		try {
			return running.getManagers()
				.getImapHostManager()
				.getInbox(user)
				.getMessages()
				.stream()
				.map(StoredMessage::getMimeMessage)
				.toList();
		}
		catch (FolderException ex) {
			throw new IllegalStateException("Cannot read the inbox of " + address, ex);
		}
	}

	/**
	 * Blocks until at least {@code count} messages have arrived in total, or the timeout passes.
	 * @return whether they arrived
	 */
	public boolean awaitMessages(int count, Duration timeout) {
		return running().waitForIncomingEmail(timeout.toMillis(), count);
	}

	/** Deletes every received message. */
	public void purge() {
		try {
			running().purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException("Cannot purge the dev mailbox", ex);
		}
	}

	/** The underlying GreenMail, for what this class does not offer. */
	public GreenMail greenMail() {
		return running();
	}

	private synchronized GreenMail running() {
		GreenMail running = this.greenMail;
		if (running == null) {
			throw new IllegalStateException("The dev mailbox is not running");
		}
		return running;
	}

	private static int chosen(int port) {
		if (port == 0) {
			throw new IllegalStateException("The port is chosen on the first start");
		}
		return port;
	}

	private static int requirePort(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Not a port: " + port);
		}
		return port;
	}

	@Override
	public String toString() {
		return "DevMailbox[smtp " + this.smtpPort + ", imap " + this.imapPort + "]";
	}

}
