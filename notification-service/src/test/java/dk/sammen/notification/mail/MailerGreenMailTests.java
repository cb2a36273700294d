package dk.sammen.notification.mail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dk.sammen.notification.mail.MailFixtures.THURSDAY_EVENING;
import static dk.sammen.notification.mail.MailFixtures.confirmation;
import static dk.sammen.notification.mail.MailFixtures.digest;
import static dk.sammen.notification.mail.MailFixtures.meal;
import static dk.sammen.notification.mail.MailFixtures.subscriber;
import static dk.sammen.notification.mail.MailFixtures.unconfirmed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Letters sent over SMTP to a real GreenMail server and read back as a mail client would. */
class MailerGreenMailTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void sendsTextAndHtml_asMultipartAlternativeInUtf8() throws Exception {
		Mailer mailer = mailer();

		assertThat(mailer.send("e1.s1@sammen.example", subscriber("ane@sammen.example", Language.DA), digest(meal())))
			.isEqualTo(new SendOutcome.Sent());

		MimeMessage mail = onlyMail();
		assertThat(mail.getContentType()).startsWith("multipart/alternative");
		Multipart parts = (Multipart) mail.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
		assertThat(mail.getHeader("Content-Language", null)).isEqualTo("da");
		assertThat(this.meters.get("sammen.notification.mails").tags("kind", "weekly-digest", "outcome", "sent")
			.counter().count()).isEqualTo(1);
	}

	@Test
	void sendsFromSammen_withNameAndGivenMessageId() throws Exception {
		mailer().send("edition-42.subscriber-7@sammen.example", subscriber("bo@sammen.example", Language.DA),
				new Letter.AlreadySubscribed());

		MimeMessage mail = onlyMail();
		assertThat(mail.getMessageID()).isEqualTo("<edition-42.subscriber-7@sammen.example>");
		assertThat(mail.getFrom()).containsExactly(new InternetAddress("nyhedsbrev@sammen.dk", "Sammen"));
		assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Sammen");
		assertThat(mail.getAllRecipients()).containsExactly(new InternetAddress("bo@sammen.example"));
	}

	@Test
	void writesDanishAndEnglish_byRecipientLanguage() throws Exception {
		Mailer mailer = mailer();
		mailer.send("e1.da@sammen.example", subscriber("dansk@sammen.example", Language.DA), new Letter.InstantNotice(meal()));
		mailer.send("e1.en@sammen.example", subscriber("english@sammen.example", Language.EN), new Letter.InstantNotice(meal()));

		MimeMessage danish = greenMail.getReceivedMessagesForDomain("dansk@sammen.example")[0];
		MimeMessage english = greenMail.getReceivedMessagesForDomain("english@sammen.example")[0];
		assertThat(danish.getSubject()).isEqualTo("Nyt arrangement: Fællesspisning i Medborgerhuset");
		assertThat(english.getSubject()).isEqualTo("New event: Fællesspisning i Medborgerhuset");
		assertThat(text(danish)).contains("Der er kommet et nyt arrangement", "torsdag 29. april kl. 17.30",
				"Afmeld nyhedsbrevet");
		assertThat(text(english)).contains("A new event that matches", "Thursday 29 April at 17:30",
				"Unsubscribe from the newsletter");
		assertThat(html(danish)).contains("<html lang=\"da\">");
		assertThat(html(english)).contains("<html lang=\"en\">");
	}

	@Test
	void sendsNoListHeaders_toPartnerNotice() throws Exception {
		mailer().send("webhook-disabled.wh-1@sammen.example",
				new Recipient("kontakt@partner.example", Language.DA, null, null), MailFixtures.webhookDisabled());

		MimeMessage mail = greenMail.getReceivedMessages()[0];
		assertThat(mail.getHeader("List-Unsubscribe", null)).isNull();
		assertThat(mail.getSubject()).startsWith("Vi har slået jeres webhook fra");
		assertThat(text(mail)).contains("/webhooks/wh-1/enable");
	}

	@Test
	void addsOneClickUnsubscribe_toEveryNewsletter() throws Exception {
		Mailer mailer = mailer();
		List<Letter> newsletters = MailFixtures.everyKind().stream().filter(Letter::isNewsletter).toList();
		for (int i = 0; i < newsletters.size(); i++) {
			mailer.send("e" + i + ".s1@sammen.example", subscriber("nyhed" + i + "@sammen.example", Language.DA),
					newsletters.get(i));
		}

		MimeMessage[] mails = greenMail.getReceivedMessages();
		assertThat(mails).hasSize(newsletters.size());
		for (MimeMessage mail : mails) {
			assertThat(mail.getHeader("List-Unsubscribe", null)).as(mail.getSubject())
				.isEqualTo("<" + MailFixtures.UNSUBSCRIBE + ">");
			assertThat(mail.getHeader("List-Unsubscribe-Post", null)).as(mail.getSubject())
				.isEqualTo("List-Unsubscribe=One-Click");
			assertThat(html(mail)).as(mail.getSubject())
				.contains("href=\"" + MailFixtures.MANAGE + "\"", "href=\"" + MailFixtures.UNSUBSCRIBE + "\"");
			assertThat(text(mail)).as(mail.getSubject()).contains(MailFixtures.MANAGE.toString());
		}
	}

	@Test
	void leavesOutUnsubscribe_fromConfirmation() throws Exception {
		// even if the caller passes links: someone who has not confirmed has nothing to unsubscribe from
		mailer().send("c1.s1@sammen.example", subscriber("ny@sammen.example", Language.DA), confirmation());

		MimeMessage mail = onlyMail();
		assertThat(mail.getSubject()).isEqualTo("Bekræft din tilmelding til Sammens nyhedsbrev");
		assertThat(mail.getHeader("List-Unsubscribe")).isNull();
		assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
		assertThat(html(mail)).contains("href=\"https://sammen.example/api/v1/subscriptions/confirm?token=confirm-token-1\"")
			.doesNotContain(MailFixtures.MANAGE.toString(), MailFixtures.UNSUBSCRIBE.toString());
	}

	@Test
	void escapesScript_inTitleAndCampaignBody() throws Exception {
		ListedItem hostile = new ListedItem("<script>alert(1)</script>", THURSDAY_EVENING, "Salen", false,
				MailFixtures.MANAGE, false);
		mailer().send("k1.s1@sammen.example", subscriber("k@sammen.example", Language.DA),
				new Letter.CampaignNewsletter("vaer-en-som-raekker-ud", "Nyt fra kampagnen",
						"Hej <script>alert(2)</script>", List.of(hostile)));

		String html = html(onlyMail());
		assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;",
				"Hej &lt;script&gt;alert(2)&lt;/script&gt;");
	}

	@Test
	void deliversReadableMail_toImapClient() throws Exception {
		mailer().send("e9.s9@sammen.example", subscriber("imap@sammen.example", Language.DA), digest(meal()));
		await().atMost(Duration.ofSeconds(10)).until(() -> greenMail.getReceivedMessages().length == 1);

		Properties imap = new Properties();
		imap.put("mail.imap.host", "127.0.0.1");
		imap.put("mail.imap.port", Integer.toString(greenMail.getImap().getPort()));
		Store store = Session.getInstance(imap).getStore("imap");
		// GreenMail creates a user per recipient: login and password are the address
		store.connect("imap@sammen.example", "imap@sammen.example");
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			Message[] messages = inbox.getMessages();
			assertThat(messages).hasSize(1);
			Message mail = messages[0];
			assertThat(mail.getSubject()).isEqualTo("Det sker nær dig: 26. april – 2. maj");
			assertThat(mail.getHeader("Message-ID")).containsExactly("<e9.s9@sammen.example>");
			assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
			assertThat(mail.isMimeType("multipart/alternative")).isTrue();
			assertThat(text(mail)).contains("torsdag 29. april kl. 17.30", "Fællesspisning i Medborgerhuset",
					"Se og ret, hvad du får tilsendt", MailFixtures.MANAGE.toString());
			assertThat(html(mail)).contains("torsdag 29. april kl. 17.30", "Afmeld nyhedsbrevet");
			inbox.close(false);
		}
		finally {
			store.close();
		}
	}

	@Test
	void holdsBackNextSend_untilRateLimitHasPermit() throws Exception {
		// one send per 100 s and a short wait: the second letter cannot go out in this slot
		Mailer mailer = mailer("rate-per-second", "0.01", "permit-timeout", "50ms", "attempts", "1");

		SendOutcome first = mailer.send("r1.s1@sammen.example", subscriber("r1@sammen.example", Language.DA),
				new Letter.AlreadySubscribed());
		SendOutcome second = mailer.send("r1.s2@sammen.example", subscriber("r2@sammen.example", Language.DA),
				new Letter.AlreadySubscribed());

		assertThat(first).isEqualTo(new SendOutcome.Sent());
		assertThat(second).isInstanceOfSatisfying(SendOutcome.TemporaryFailure.class,
				(failure) -> assertThat(failure.reason()).contains("rate limit"));
		assertThat(mailer.rateLimiter().getMetrics().getAvailablePermissions()).isLessThanOrEqualTo(0);
		assertThat(greenMail.getReceivedMessages()).hasSize(1);
	}

	@Test
	void spacesConcurrentSends_atTheConfiguredRate() throws Exception {
		Mailer mailer = mailer("rate-per-second", "2");
		List<Future<SendOutcome>> sends = new ArrayList<>();
		// three callers at once over at most two slots of 500 ms: at least one of them must wait for a permit
		try (ExecutorService listeners = Executors.newFixedThreadPool(3)) {
			for (int i = 0; i < 3; i++) {
				String address = "rate" + i + "@sammen.example";
				sends.add(listeners.submit(() -> mailer.send(address.replace("@", ".m@"), subscriber(address, Language.DA),
						new Letter.AlreadySubscribed())));
			}
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> mailer.rateLimiter().getMetrics().getNumberOfWaitingThreads() >= 1);
			for (Future<SendOutcome> send : sends) {
				assertThat(send.get()).isEqualTo(new SendOutcome.Sent());
			}
		}
		assertThat(greenMail.getReceivedMessages()).hasSize(3);
	}

	private Mailer mailer(String... overrides) {
		return MailFixtures.mailer(greenMail.getSmtp().getPort(), this.meters, overrides);
	}

	private static MimeMessage onlyMail() {
		MimeMessage[] mails = greenMail.getReceivedMessages();
		assertThat(mails).hasSize(1);
		return mails[0];
	}

	private static String text(Part mail) throws MessagingException, IOException {
		return part(mail, "text/plain");
	}

	private static String html(Part mail) throws MessagingException, IOException {
		return part(mail, "text/html");
	}

	private static String part(Part mail, String mimeType) throws MessagingException, IOException {
		Multipart parts = (Multipart) mail.getContent();
		for (int i = 0; i < parts.getCount(); i++) {
			if (parts.getBodyPart(i).isMimeType(mimeType)) {
				return (String) parts.getBodyPart(i).getContent();
			}
		}
		throw new AssertionError("no " + mimeType + " part");
	}

}
