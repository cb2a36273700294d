package dk.sammen.notification;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.partner.ReconfirmationRequestedV1;
import dk.sammen.notification.edition.Edition;
import dk.sammen.notification.edition.EditionKind;
import dk.sammen.notification.subscription.Subscriber;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.outbox.CloudEvents;
import dk.sammen.platform.outbox.OutboxMessage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static dk.sammen.notification.NotificationTestKit.PATIENCE;
import static dk.sammen.notification.NotificationTestKit.awaitMails;
import static dk.sammen.notification.NotificationTestKit.mailsTo;
import static dk.sammen.notification.NotificationTestKit.subscription;
import static dk.sammen.notification.NotificationTestKit.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail header injection (OWASP API8): a line break in anything that becomes a mail header — the
 * subscriber's address, an administrator's subject, an event title from the events topic, an
 * offer's title in a partner notice, a partner's contact address — is refused at the API with a
 * problem, or ends up as one header line in a mail that reaches only its one recipient. GreenMail
 * receives what the SMTP client really sent; the raw header lines are checked, not only the
 * parsed ones.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.notification.editions.scheduled=false",
				"sammen.notification.partner-notices.sweep-interval=300ms",
				"sammen.notification.partner-notices.retry-delay=200ms" })
@AutoConfigureWebTestClient
class MailHeaderInjectionTests extends NotificationIntegrationTest {

	static final GreenMail mailbox = NotificationTestKit.startMailbox();

	/** Every injected header names an address here; none may ever get a mail. */
	private static final String VICTIM_DOMAIN = "victim.example";

	private static final String VICTIM = "bcc@" + VICTIM_DOMAIN;

	/** Line breaks as SMTP sees them and as mail clients do (NEL, LINE and PARAGRAPH SEPARATOR). */
	private static final List<String> LINE_BREAKS = List.of("\r\n", "\n", "\r", "\r\n\t", "\u0085", "\u2028", "\u2029");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		NotificationTestKit.infrastructure(registry, "injection", () -> mailbox.getSmtp().getPort());
		registry.add("spring.kafka.consumer.auto-offset-reset", () -> "earliest");
	}

	@AfterAll
	static void stopMailbox() {
		mailbox.stop();
	}

	/** The first requests of a cold application on a busy machine can take longer than the client's default 5 s. */
	@BeforeEach
	void patientClient() {
		this.http = this.http.mutate().responseTimeout(PATIENCE).build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{local}@example.dk\r\nBcc: " + VICTIM, "{local}@example.dk\nBcc: " + VICTIM,
			"{local}@example.dk\rBcc: " + VICTIM, "{local}@example.dk\r\n\tBcc: " + VICTIM,
			"{local}@example.dk%0d%0aBcc:%20" + VICTIM, "{local}@example.dk\u0085Bcc: " + VICTIM,
			"{local}@example.dk\u2028Bcc: " + VICTIM, "{local}@example.dk, " + VICTIM,
			"Name <{local}@example.dk>\r\nCc: " + VICTIM, "{local}@example.dk\r\n\r\nBody" })
	void subscribe_addressWithLineBreakOrSecondRecipient_is4xxProblemAndMailsNobody(String template) {
		String local = "inject-" + UUID.randomUUID().toString().substring(0, 8);
		String email = template.replace("{local}", local);
		EntityExchangeResult<byte[]> answer = this.http.post().uri("/api/v1/subscriptions")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", "203.0.113.7, " + clientAddress())
			.bodyValue(subscription(email, List.of("0101"), List.of(), "da", "weekly"))
			.exchange().expectBody().returnResult();

		assertThat(answer.getStatus().is4xxClientError()).as("status %s", answer.getStatus()).isTrue();
		assertThat(answer.getResponseHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)).isTrue());
		assertThat(new String(answer.getResponseBodyContent())).contains("\"field\":\"email\"");
		assertThat(this.mongo.exists(Query.query(Criteria.where("email").regex(local)), Subscriber.class).block())
			.as("nothing stored").isFalse();
		// a refused request sends nothing; a later accepted one proves the mailbox was listening
		String probe = "probe-" + local + "@example.dk";
		subscribe(probe);
		awaitMails(mailbox, probe, 1);
		assertThat(mailsTo(mailbox, local)).filteredOn((mail) -> !recipients(mail).contains(probe)).isEmpty();
		assertNoMailToVictim();
	}

	@Test
	void createNewsletter_subjectWithLineBreak_is422ProblemAndCreatesNoEdition() {
		for (String lineBreak : List.of("\r\n", "\n", "\r", "\u0085")) {
			String subject = "Nyt fra kampagnen" + lineBreak + "Bcc: " + VICTIM;
			this.http.post().uri("/api/v1/admin/newsletters").contentType(MediaType.APPLICATION_JSON)
				.header("X-Sammen-Identity", admin())
				.bodyValue(Map.of("kind", "campaign", "campaign", "vaer-en-som-raekker-ud",
						"subject", Map.of("da", subject, "en", "Campaign news"),
						"body", Map.of("da", "Tekst.", "en", "Text.")))
				.exchange()
				.expectStatus().isEqualTo(422)
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.errors[0].field").isEqualTo("subject.da");
		}
		// instant editions of the other tests' events may exist; no campaign edition may
		assertThat(this.mongo.findAll(Edition.class).filter((edition) -> edition.kind() == EditionKind.CAMPAIGN)
			.count().block()).as("campaign editions stored").isZero();
	}

	@Test
	void instantNotice_eventTitleWithLineBreaks_isOneSubjectLineToTheSubscriberOnly() throws Exception {
		String email = confirmed("instant-" + UUID.randomUUID().toString().substring(0, 8) + "@example.dk");
		for (String lineBreak : LINE_BREAKS) {
			String marker = UUID.randomUUID().toString().substring(0, 8);
			String title = "Fællesspisning " + marker + lineBreak + "Bcc: " + VICTIM + lineBreak + "X-Injected: ja";
			int before = mailsTo(mailbox, email).size();
			NotificationTestKit.publish(this.kafka, this.json, NotificationTestKit.event(UUID.randomUUID().toString(),
					title, "local-partnership", "0101", "1084", Instant.now().plus(Duration.ofDays(2))));

			MimeMessage notice = awaitMails(mailbox, email, before + 1).get(before);
			assertOneHeaderLineFor(notice, email, marker);
		}
		assertNoMailToVictim();
	}

	@Test
	void reconfirmationNotice_offerTitleWithLineBreaks_isOneSubjectLineToTheContactOnly() throws Exception {
		String organisation = "org-" + UUID.randomUUID();
		String contact = "kontakt-" + organisation.substring(4, 12) + "@partner.example";
		NotificationTestKit.publishContact(this.kafka, this.json, organisation, contact);
		for (String lineBreak : LINE_BREAKS) {
			String marker = UUID.randomUUID().toString().substring(0, 8);
			int before = mailsTo(mailbox, contact).size();
			requestReconfirmation(organisation, "evt-" + marker,
					"Kaffe og en snak " + marker + lineBreak + "Bcc: " + VICTIM + lineBreak + "X-Injected: ja");

			MimeMessage notice = awaitMails(mailbox, contact, before + 1).get(before);
			assertOneHeaderLineFor(notice, contact, marker);
		}
		assertNoMailToVictim();
	}

	@Test
	void reconfirmationNotice_contactAddressWithLineBreak_mailsNobody() {
		String organisation = "org-" + UUID.randomUUID();
		String contact = "kontakt-" + organisation.substring(4, 12) + "@partner.example";
		NotificationTestKit.publishContact(this.kafka, this.json, organisation, contact + "\r\nBcc: " + VICTIM);
		requestReconfirmation(organisation, "evt-" + organisation, "Kaffe og en snak");
		// a later, valid organisation's notice is mailed: by then the first was handled
		String laterOrganisation = "org-" + UUID.randomUUID();
		String laterContact = "kontakt-" + laterOrganisation.substring(4, 12) + "@partner.example";
		NotificationTestKit.publishContact(this.kafka, this.json, laterOrganisation, laterContact);
		requestReconfirmation(laterOrganisation, "evt-" + laterOrganisation, "Kaffe og en snak");
		awaitMails(mailbox, laterContact, 1);

		await().during(Duration.ofSeconds(1)).atMost(PATIENCE)
			.untilAsserted(() -> assertThat(mailsTo(mailbox, contact)).isEmpty());
		assertNoMailToVictim();
	}

	/** Exactly one Subject line, unfolded, with the whole title; no injected header; one recipient. */
	private static void assertOneHeaderLineFor(MimeMessage mail, String recipient, String marker) throws Exception {
		List<String> lines = Collections.list(mail.getAllHeaderLines());
		// folding is allowed (RFC 5322 2.2.3): every further physical line of the header starts with white space
		assertThat(lines).filteredOn((line) -> line.regionMatches(true, 0, "Subject:", 0, 8)).singleElement()
			.satisfies((line) -> assertThat(Arrays.stream(line.split("\r\n|\r|\n")).skip(1))
				.allMatch((fold) -> fold.matches("[ \t].*")));
		assertThat(lines).noneMatch((line) -> line.regionMatches(true, 0, "Bcc:", 0, 4)
				|| line.regionMatches(true, 0, "Cc:", 0, 3) || line.regionMatches(true, 0, "X-Injected", 0, 10));
		assertThat(mail.getSubject()).contains(marker, "Bcc: " + VICTIM)
			.doesNotContain("\r", "\n", "\u0085", "\u2028", "\u2029");
		assertThat(recipients(mail)).containsExactly(recipient);
	}

	private static void assertNoMailToVictim() {
		assertThat(mailbox.getReceivedMessagesForDomain(VICTIM_DOMAIN)).as("mails to the injected address").isEmpty();
		assertThat(mailsTo(mailbox, VICTIM)).isEmpty();
	}

	private static List<String> recipients(MimeMessage mail) {
		try {
			Address[] all = mail.getAllRecipients();
			return (all != null) ? Arrays.stream(all).map(Address::toString).toList() : List.of();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void requestReconfirmation(String organisation, String eventId, String title) {
		Instant confirmed = Instant.parse("2027-01-04T09:00:00Z");
		ReconfirmationRequestedV1 request = new ReconfirmationRequestedV1(eventId, organisation, title, confirmed,
				confirmed.plus(Duration.ofDays(90)), confirmed.plus(Duration.ofDays(104)), Instant.now());
		OutboxMessage message = OutboxMessage.of(Topics.PARTNER_NOTICES, organisation,
				CloudEventTypes.RECONFIRMATION_REQUESTED_V1, Instant.now(), request, this.json);
		this.kafka.send(CloudEvents.record(message, URI.create("/sammen/events-service"))).join();
	}

	private String confirmed(String email) {
		subscribe(email, "instant");
		String confirm = token(awaitMails(mailbox, email, 1).getFirst(), "confirm");
		this.http.post().uri("/api/v1/subscriptions/confirm?token={t}", confirm).exchange().expectStatus().isOk();
		return email;
	}

	private void subscribe(String email) {
		subscribe(email, "weekly");
	}

	private void subscribe(String email, String frequency) {
		this.http.post().uri("/api/v1/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", "203.0.113.7, " + clientAddress())
			.bodyValue(subscription(email, List.of("0101"), List.of(), "da", frequency))
			.exchange().expectStatus().isAccepted();
	}

	/** A client address of its own per request, so the per-client subscribe limit never answers first. */
	private static String clientAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10.2." + random.nextInt(250) + "." + random.nextInt(250);
	}

	private String admin() {
		return this.identities.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "key-admin"));
	}

}
