package dk.sammen.notification.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static dk.sammen.notification.mail.MailFixtures.confirmation;
import static dk.sammen.notification.mail.MailFixtures.mailer;
import static dk.sammen.notification.mail.MailFixtures.meal;
import static dk.sammen.notification.mail.MailFixtures.subscriber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * What goes wrong on the way to the SMTP server, over real SMTP conversations: a scripted server
 * ({@link SmtpStub}) for 550 and 451 replies, and a port nobody listens on.
 */
class MailerFailureTests {

	private static final String[] QUICK_RETRIES = { "attempts", "3", "initial-backoff", "10ms", "max-backoff", "20ms" };

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Letter.InstantNotice notice = new Letter.InstantNotice(meal());

	@Test
	void returnsPermanentFailureWithoutRetrying_onMailboxUnavailable() throws IOException {
		try (SmtpStub smtp = new SmtpStub("550 5.1.1 <ingen@sammen.example>: Recipient address rejected: no such user")) {
			Mailer mailer = mailer(smtp.port(), this.meters, QUICK_RETRIES);

			SendOutcome outcome = mailer.send("e1.s1@sammen.example", subscriber("ingen@sammen.example", Language.DA),
					this.notice);

			assertThat(outcome).isInstanceOfSatisfying(SendOutcome.PermanentFailure.class,
					(failure) -> assertThat(failure.reason()).startsWith("550").contains("no such user"));
			assertThat(smtp.recipientsOffered()).isEqualTo(1);
			assertThat(smtp.messagesAccepted()).isZero();
			assertThat(mails("instant", "permanent-failure")).isEqualTo(1);
			assertThat(mails("instant", "sent")).isZero();
			assertThat(retries("instant")).isZero();
		}
	}

	@Test
	void retriesThenSends_onTemporaryRefusal() throws IOException {
		try (SmtpStub smtp = new SmtpStub("451 4.7.1 Greylisted, please try again later")) {
			Mailer mailer = mailer(smtp.port(), this.meters, QUICK_RETRIES);

			SendOutcome outcome = mailer.send("e1.s2@sammen.example", subscriber("graa@sammen.example", Language.DA),
					this.notice);

			assertThat(outcome).isEqualTo(new SendOutcome.Sent());
			assertThat(smtp.recipientsOffered()).isEqualTo(2);
			assertThat(smtp.messagesAccepted()).isEqualTo(1);
			assertThat(retries("instant")).isEqualTo(1);
			assertThat(mails("instant", "sent")).isEqualTo(1);
			assertThat(this.meters.get("sammen.notification.mail.send").tags("kind", "instant", "outcome", "sent")
				.timer().count()).isEqualTo(1);
		}
	}

	@Test
	void returnsTemporaryFailureAfterEveryAttempt_onRepeatedTemporaryRefusal() throws IOException {
		String busy = "451 4.3.0 Mailbox temporarily unavailable";
		try (SmtpStub smtp = new SmtpStub(busy, busy, busy, busy)) {
			Mailer mailer = mailer(smtp.port(), this.meters, QUICK_RETRIES);

			SendOutcome outcome = mailer.send("e1.s3@sammen.example", subscriber("travl@sammen.example", Language.EN),
					this.notice);

			assertThat(outcome).isInstanceOfSatisfying(SendOutcome.TemporaryFailure.class,
					(failure) -> assertThat(failure.reason()).startsWith("451"));
			assertThat(smtp.recipientsOffered()).isEqualTo(3);
			assertThat(smtp.messagesAccepted()).isZero();
			assertThat(retries("instant")).isEqualTo(2);
			assertThat(mails("instant", "temporary-failure")).isEqualTo(1);
		}
	}

	@Test
	void returnsTemporaryFailureAfterEveryAttempt_whenServerIsDown() throws IOException {
		Mailer mailer = mailer(closedPort(), this.meters, QUICK_RETRIES);

		SendOutcome outcome = mailer.send("e1.s4@sammen.example", subscriber("nede@sammen.example", Language.DA),
				this.notice);

		assertThat(outcome).isInstanceOfSatisfying(SendOutcome.TemporaryFailure.class,
				(failure) -> assertThat(failure.reason()).contains("no connection to the SMTP server"));
		assertThat(retries("instant")).isEqualTo(2);
		assertThat(mails("instant", "temporary-failure")).isEqualTo(1);
	}

	@Test
	void returnsTemporaryFailure_whenInterruptedWhileWaitingToRetry() throws Exception {
		Mailer mailer = mailer(closedPort(), this.meters, "attempts", "3", "initial-backoff", "1m", "max-backoff", "1m");
		AtomicReference<SendOutcome> outcome = new AtomicReference<>();
		AtomicBoolean stillInterrupted = new AtomicBoolean();
		Thread listener = Thread.ofPlatform().name("listener").start(() -> {
			outcome.set(mailer.send("e1.s10@sammen.example", subscriber("pause@sammen.example", Language.DA), this.notice));
			stillInterrupted.set(Thread.currentThread().isInterrupted());
		});
		// the first attempt failed at once; now it sleeps until the second
		await().atMost(Duration.ofSeconds(10)).until(() -> listener.getState() == Thread.State.TIMED_WAITING);

		listener.interrupt();
		listener.join(10_000);

		assertThat(outcome.get()).isInstanceOf(SendOutcome.TemporaryFailure.class);
		assertThat(stillInterrupted).isTrue();
		assertThat(retries("instant")).isZero();
		assertThat(mails("instant", "temporary-failure")).isEqualTo(1);
	}

	@Test
	void returnsPermanentFailureWithoutConnecting_onMalformedAddress() throws IOException {
		try (SmtpStub smtp = new SmtpStub()) {
			Mailer mailer = mailer(smtp.port(), this.meters, QUICK_RETRIES);

			for (String malformed : new String[] { "ikke en adresse", "to@sammen.example, tre@sammen.example",
					"Navn <navn@sammen.example>", "uden-domæne@", "@sammen.example" }) {
				assertThat(mailer.send("e1.s5@sammen.example", subscriber(malformed, Language.DA), this.notice))
					.as(malformed)
					.isInstanceOf(SendOutcome.PermanentFailure.class);
			}
			assertThat(smtp.connections()).isZero();
			assertThat(mails("instant", "permanent-failure")).isEqualTo(5);
		}
	}

	@Test
	void sendsToIdnDomain_inAsciiForm() throws IOException {
		try (SmtpStub smtp = new SmtpStub()) {
			Mailer mailer = mailer(smtp.port(), this.meters, QUICK_RETRIES);

			assertThat(mailer.send("e1.s6@sammen.example", subscriber("borger@ærø.example", Language.DA), this.notice))
				.isEqualTo(new SendOutcome.Sent());
			assertThat(smtp.messagesAccepted()).isEqualTo(1);
		}
	}

	@Test
	void refusesToBlock_onNonBlockingThread() {
		Mailer mailer = mailer(1, this.meters);

		assertThatIllegalStateException().isThrownBy(() -> Mono
			.fromCallable(() -> mailer.send("e1.s7@sammen.example", subscriber("a@sammen.example", Language.DA), this.notice))
			.subscribeOn(Schedulers.parallel())
			.block())
			.withMessageContaining("worker thread");
	}

	@Test
	void refusesNewsletter_withoutUnsubscribeUrl() {
		Mailer mailer = mailer(1, this.meters);
		Recipient withoutUnsubscribe = new Recipient("a@sammen.example", Language.DA, MailFixtures.MANAGE, null);
		Recipient withScriptLink = new Recipient("a@sammen.example", Language.DA, MailFixtures.MANAGE,
				URI.create("javascript:alert(1)"));

		assertThatIllegalArgumentException().isThrownBy(() -> mailer.send("e1.s8@sammen.example", withoutUnsubscribe, this.notice))
			.withMessageContaining("unsubscribeUrl");
		assertThatIllegalArgumentException().isThrownBy(() -> mailer.send("e1.s8@sammen.example", withScriptLink, this.notice))
			.withMessageContaining("unsubscribeUrl");
	}

	@Test
	void refusesMessageId_thatIsNotOne() {
		Mailer mailer = mailer(1, this.meters);

		for (String messageId : new String[] { "<e1.s9@sammen.example>", "no-at-sign", "two words@sammen.example",
				"e1\r\nBcc: x@sammen.example" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> mailer.send(messageId, MailFixtures.unconfirmed("a@sammen.example", Language.DA), confirmation()))
				.withMessageContaining("Message-ID");
		}
	}

	/** A port that was free a moment ago, so nothing listens on it. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private double mails(String kind, String outcome) {
		var counter = this.meters.find("sammen.notification.mails").tags("kind", kind, "outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double retries(String kind) {
		var counter = this.meters.find("sammen.notification.mail.retries").tags("kind", kind).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
