package dk.sammen.notification.mail;

import java.io.IOException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static dk.sammen.notification.mail.MailFixtures.mailer;
import static dk.sammen.notification.mail.MailFixtures.meal;
import static dk.sammen.notification.mail.MailFixtures.subscriber;
import static org.assertj.core.api.Assertions.assertThat;

/** Letters share SMTP connections, over real SMTP conversations with {@link SmtpStub}, and each is accepted once. */
class SmtpConnectionsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Letter.InstantNotice notice = new Letter.InstantNotice(meal());

	@Test
	void sendsEveryLetterOnce_overOneConnection() throws IOException {
		try (SmtpStub smtp = new SmtpStub(); Mailer mailer = mailer(smtp.port(), this.meters)) {
			for (int i = 0; i < 3; i++) {
				assertThat(mailer.send("e1.r" + i + "@sammen.example", subscriber("r" + i + "@sammen.example", Language.DA),
						this.notice)).isEqualTo(new SendOutcome.Sent());
			}

			assertThat(smtp.messagesAccepted()).isEqualTo(3);
			assertThat(smtp.connections()).isEqualTo(1);
		}
	}

	@Test
	void opensNewConnection_afterMessagesPerConnection() throws IOException {
		try (SmtpStub smtp = new SmtpStub();
				Mailer mailer = mailer(smtp.port(), this.meters, "messages-per-connection", "2")) {
			for (int i = 0; i < 3; i++) {
				assertThat(mailer.send("e1.n" + i + "@sammen.example", subscriber("n" + i + "@sammen.example", Language.DA),
						this.notice)).isEqualTo(new SendOutcome.Sent());
			}

			assertThat(smtp.messagesAccepted()).isEqualTo(3);
			assertThat(smtp.connections()).isEqualTo(2);
		}
	}

	@Test
	void sendsOnNewConnection_afterRefusalOnKeptConnection() throws IOException {
		try (SmtpStub smtp = new SmtpStub("250 2.1.5 OK", "451 4.7.1 Greylisted, please try again later");
				Mailer mailer = mailer(smtp.port(), this.meters, "attempts", "2", "initial-backoff", "10ms",
						"max-backoff", "20ms")) {
			assertThat(mailer.send("e1.k1@sammen.example", subscriber("k1@sammen.example", Language.DA), this.notice))
				.isEqualTo(new SendOutcome.Sent());
			assertThat(mailer.send("e1.k2@sammen.example", subscriber("k2@sammen.example", Language.DA), this.notice))
				.isEqualTo(new SendOutcome.Sent());

			assertThat(smtp.messagesAccepted()).isEqualTo(2);
			assertThat(smtp.recipientsOffered()).isEqualTo(3);
			// the refusal closed the kept connection; the retry went out on a new one
			assertThat(smtp.connections()).isEqualTo(2);
		}
	}

}
