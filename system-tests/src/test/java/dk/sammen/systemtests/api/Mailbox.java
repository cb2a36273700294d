package dk.sammen.systemtests.api;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;

import static org.awaitility.Awaitility.await;

/**
 * The stack's dev mailbox read as a subscriber's mail program reads it: over IMAP, logging in
 * with the address as user and password. Never the mail server's own API, so the tests see what
 * arrived, not what was handed over.
 */
public final class Mailbox {

	private final int imapPort;

	public Mailbox(int imapPort) {
		this.imapPort = imapPort;
	}

	/** The inbox of the address, oldest first. */
	public List<Letter> inbox(String address) {
		Properties properties = new Properties();
		properties.put("mail.imap.connectiontimeout", "5000");
		properties.put("mail.imap.timeout", "10000");
		Session session = Session.getInstance(properties);
		try (Store store = session.getStore("imap")) {
			store.connect("127.0.0.1", this.imapPort, address, address);
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			try {
				List<Letter> letters = new ArrayList<>();
				for (Message message : inbox.getMessages()) {
					letters.add(letter(message));
				}
				return letters;
			}
			finally {
				inbox.close(false);
			}
		}
		catch (MessagingException | IOException ex) {
			throw new AssertionError("Cannot read the inbox of " + address + " over IMAP on port " + this.imapPort, ex);
		}
	}

	/** Waits until the inbox holds at least {@code count} letters and returns them all. */
	public List<Letter> awaitLetters(String address, int count, Duration timeout) {
		return await("%d letters to %s".formatted(count, address)).atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> inbox(address), (letters) -> letters.size() >= count);
	}

	private static Letter letter(Message message) throws MessagingException, IOException {
		Parts parts = new Parts();
		parts.collect(message);
		return new Letter(String.valueOf(message.getSubject()), header(message, "Message-ID"),
				header(message, "List-Unsubscribe"), header(message, "List-Unsubscribe-Post"), parts.text.toString(),
				parts.html.toString());
	}

	private static String header(Message message, String name) throws MessagingException {
		String[] values = message.getHeader(name);
		return (values == null) ? "" : String.join(", ", values);
	}

	/** Walks a MIME tree and keeps the plain-text and HTML bodies. */
	private static final class Parts {

		private final StringBuilder text = new StringBuilder();

		private final StringBuilder html = new StringBuilder();

		void collect(Part part) throws MessagingException, IOException {
			if (part.isMimeType("text/plain")) {
				this.text.append(part.getContent());
			}
			else if (part.isMimeType("text/html")) {
				this.html.append(part.getContent());
			}
			else if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart body = multipart.getBodyPart(i);
					collect(body);
				}
			}
		}

	}

	/**
	 * One received mail.
	 * @param text the plain-text body
	 * @param html the HTML body
	 */
	public record Letter(String subject, String messageId, String listUnsubscribe, String listUnsubscribePost,
			String text, String html) {

		/**
		 * The first link in the plain text whose path is {@code path}, with its {@code token}.
		 * @throws AssertionError if there is none
		 */
		public String link(String path) {
			return linkMatch(path).group();
		}

		/**
		 * The {@code token} of the first link in the plain text whose path is {@code path}.
		 * @throws AssertionError if there is none
		 */
		public String tokenOfLink(String path) {
			return linkMatch(path).group(1);
		}

		private Matcher linkMatch(String path) {
			Matcher link = Pattern.compile("https?://\\S+?" + Pattern.quote(path) + "\\?token=([A-Za-z0-9._~-]+)")
				.matcher(this.text);
			if (!link.find()) {
				throw new AssertionError("No link to " + path + " in \"" + this.subject + "\":\n" + this.text);
			}
			return link;
		}

	}

}
