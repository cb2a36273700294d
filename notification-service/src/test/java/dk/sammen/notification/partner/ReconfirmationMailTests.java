package dk.sammen.notification.partner;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.partner.ReconfirmationRequestedV1;
import dk.sammen.notification.NotificationIntegrationTest;
import dk.sammen.notification.NotificationTestKit;
import dk.sammen.platform.outbox.CloudEvents;
import dk.sammen.platform.outbox.OutboxMessage;
import dk.sammen.platform.test.SammenBlockHound;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Please re-confirm your offer" (issue 11, freshness) through a real Kafka broker, the
 * MongoDB-wire server and GreenMail over SMTP: the request events-service writes becomes one mail
 * to the organisation's contact address, however often it is delivered; a request that arrives
 * before the contact is known waits for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sammen.notification.editions.scheduled=false",
				"sammen.notification.partner-notices.sweep-interval=300ms",
				"sammen.notification.partner-notices.retry-delay=200ms" })
@DirtiesContext
@AutoConfigureWebTestClient
class ReconfirmationMailTests extends NotificationIntegrationTest {

	static {
		SammenBlockHound.install();
	}

	static final GreenMail mailbox = NotificationTestKit.startMailbox();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		NotificationTestKit.infrastructure(registry, "partner", () -> mailbox.getSmtp().getPort());
	}

	@Test
	void reconfirmationRequested_deliveredTwice_mailsTheContactOnce() throws Exception {
		String organisation = "org-" + UUID.randomUUID();
		String contact = "kontakt-" + organisation + "@partner.example";
		publishContact(organisation, contact);
		ReconfirmationRequestedV1 request = request(organisation, "evt-" + organisation);
		send(request);
		send(request);

		MimeMessage mail = NotificationTestKit.awaitMails(mailbox, contact, 1).getFirst();
		assertThat(mail.getSubject()).isEqualTo("Står dit tilbud stadig ved magt? Kaffe og en snak");
		assertThat(NotificationTestKit.text(mail)).contains("Kaffe og en snak",
				"POST /api/v1/events/evt-" + organisation + "/confirm", "forsvinder fra den offentlige oversigt");
		assertThat(NotificationTestKit.header(mail, "List-Unsubscribe")).isEmpty();
		await().atMost(NotificationTestKit.PATIENCE).until(() -> status(request).equals(PartnerNotice.SENT));
		// a later request on the same partition: once its mail is there, the repeat was handled before it
		send(request(organisation, "evt-later-" + organisation));
		List<MimeMessage> mails = NotificationTestKit.awaitMails(mailbox, contact, 2);
		assertThat(mails).hasSize(2);
		assertThat(NotificationTestKit.text(mails.get(1))).contains("evt-later-" + organisation);
	}

	@Test
	void reconfirmationRequested_beforeTheContactIsKnown_waitsAndThenMails() throws Exception {
		String organisation = "org-" + UUID.randomUUID();
		String contact = "kontakt-" + organisation + "@partner.example";
		ReconfirmationRequestedV1 request = request(organisation, "evt-" + organisation);
		send(request);
		await().atMost(NotificationTestKit.PATIENCE)
			.until(() -> this.mongo.findById(id(request), PartnerNotice.class).blockOptional()
				.map((notice) -> "no contact address yet".equals(notice.lastError()))
				.orElse(false));
		assertThat(NotificationTestKit.mailsTo(mailbox, contact)).isEmpty();
		publishContact(organisation, contact);
		assertThat(NotificationTestKit.awaitMails(mailbox, contact, 1)).hasSize(1);
	}

	private String status(ReconfirmationRequestedV1 request) {
		return this.mongo.findById(id(request), PartnerNotice.class).map(PartnerNotice::status).blockOptional()
			.orElse("absent");
	}

	private static String id(ReconfirmationRequestedV1 request) {
		return PartnerNotice.idOf(request.eventId(), request.staleAt());
	}

	private static ReconfirmationRequestedV1 request(String organisation, String eventId) {
		Instant confirmed = Instant.parse("2027-01-04T09:00:00Z");
		return new ReconfirmationRequestedV1(eventId, organisation, "Kaffe og en snak", confirmed,
				confirmed.plus(Duration.ofDays(90)), confirmed.plus(Duration.ofDays(104)), Instant.now());
	}

	private void send(ReconfirmationRequestedV1 request) {
		OutboxMessage message = OutboxMessage.of(Topics.PARTNER_NOTICES, request.organisationId(),
				CloudEventTypes.RECONFIRMATION_REQUESTED_V1, Instant.now(), request, this.json);
		this.kafka.send(CloudEvents.record(message, URI.create("/sammen/events-service"))).join();
	}

	/** Publishes the organisation as events-service does, so the partner contacts know its address. */
	private void publishContact(String organisationId, String email) {
		NotificationTestKit.publishContact(this.kafka, this.json, organisationId, email);
	}

}
