package dk.sammen.localstack;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DevMailboxTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final DevMailbox mailbox = DevMailbox.onFreePorts().start();

	@AfterEach
	void stop() {
		this.mailbox.stop();
	}

	@Test
	void imapLogin_withTheRecipientAddressAsLoginAndPassword_readsMailSentOverSmtp() throws Exception {
		send("anna@example.dk", "Velkommen til Sammen");
		assertThat(this.mailbox.awaitMessages(1, TIMEOUT)).isTrue();

		assertThat(subjectsInInbox("anna@example.dk")).containsExactly("Velkommen til Sammen");
	}

	@Test
	void imapLogin_beforeAnyMailArrived_showsAnEmptyInboxAndLaterTheMail() throws Exception {
		assertThat(subjectsInInbox("bo@example.org")).isEmpty();

		send("bo@example.org", "Ugens fællesskaber");
		assertThat(this.mailbox.awaitMessages(1, TIMEOUT)).isTrue();

		assertThat(subjectsInInbox("bo@example.org")).containsExactly("Ugens fællesskaber");
	}

	@Test
	void receivedMessagesFor_returnsOnlyThatRecipientsMail() throws Exception {
		send("anna@example.dk", "Til Anna");
		send("bo@example.org", "Til Bo");
		assertThat(this.mailbox.awaitMessages(2, TIMEOUT)).isTrue();

		assertThat(this.mailbox.receivedMessagesFor("bo@example.org")).extracting(MimeMessage::getSubject)
			.containsExactly("Til Bo");
		assertThat(this.mailbox.receivedMessages()).hasSize(2);
		assertThat(this.mailbox.receivedMessagesFor("nobody@example.dk")).isEmpty();
	}

	@Test
	void restart_keepsThePorts() {
		int smtp = this.mailbox.smtpPort();
		int imap = this.mailbox.imapPort();

		this.mailbox.stop();
		this.mailbox.start();

		assertThat(this.mailbox.smtpPort()).isEqualTo(smtp);
		assertThat(this.mailbox.imapPort()).isEqualTo(imap);
	}

	private void send(String to, String subject) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(this.mailbox.smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("noreply@sammen.example.dk"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		message.setSubject(subject, "UTF-8");
		message.setText("Hej!", "UTF-8");
		Transport.send(message);
	}

	private String[] subjectsInInbox(String address) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.imap.host", "127.0.0.1");
		properties.put("mail.imap.port", String.valueOf(this.mailbox.imapPort()));
		Store store = Session.getInstance(properties).getStore("imap");
		store.connect(address, address);
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			Message[] messages = inbox.getMessages();
			String[] subjects = new String[messages.length];
			for (int i = 0; i < messages.length; i++) {
				subjects[i] = messages[i].getSubject();
			}
			inbox.close(false);
			return subjects;
		}
		finally {
			store.close();
		}
	}

}
