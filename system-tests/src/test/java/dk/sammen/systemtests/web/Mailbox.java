package dk.sammen.systemtests.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.awaitility.Awaitility;


/** The stack's dev mailbox read over IMAP, as any mail client would (login = password = the address). */
final class Mailbox {

	private final int imapPort;

	Mailbox(int imapPort) {
		this.imapPort = imapPort;
	}

	/** The plain-text bodies of the address's mails, once there are at least {@code count}. */
	List<String> awaitMails(String address, int count) {
		return Awaitility.await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> read(address), (texts) -> texts.size() >= count);
	}

	/** The first link in the text that starts with the gateway's URL and has this path. */
	static String link(String text, String gateway, String path) {
		Matcher matcher = Pattern.compile(Pattern.quote(gateway + path) + "\\?token=[A-Za-z0-9._~%-]+").matcher(text);
		if (!matcher.find()) {
			throw new AssertionError("No link to " + gateway + path + " in:\n" + text);
		}
		return matcher.group();
	}

	private List<String> read(String address) throws MessagingException, IOException {
		Session session = Session.getInstance(new Properties());
		try (Store store = session.getStore("imap")) {
			store.connect("127.0.0.1", this.imapPort, address, address);
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			try {
				List<String> texts = new ArrayList<>();
				for (Message message : inbox.getMessages()) {
					texts.add(message.getSubject() + "\n" + text(message));
				}
				return texts;
			}
			finally {
				inbox.close(false);
			}
		}
	}

	private static String text(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				text.append(text(multipart.getBodyPart(i)));
			}
			return text.toString();
		}
		return "";
	}

}
