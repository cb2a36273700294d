package dk.sammen.systemtests.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Mailbox;
import dk.sammen.systemtests.api.Mailbox.Letter;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Town;
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.daysAhead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The path README's "Try it on the local stack" describes, on the whole system: subscribe, read
 * the confirmation in the dev mailbox, confirm, have an event published, trigger a weekly digest
 * and read it; then unsubscribe with one click and get nothing more. Alongside, an
 * {@code instant} subscriber gets the new event as a notice (which also tells the test that
 * notification-service's read model has the event) and an address that never confirms gets
 * nothing but its confirmation.
 */
@SystemTest
class NewsletterPathTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration MAIL_BUDGET = Duration.ofSeconds(30);

	private static final Town TOWN = Town.VIBORG;

	private final Gateway gateway;

	private final Mailbox mailbox;

	NewsletterPathTest(Gateway gateway, Mailbox mailbox) {
		this.gateway = gateway;
		this.mailbox = mailbox;
	}

	@Test
	void subscribeConfirmAndDigest_deliverOneDigestToTheConfirmedSubscriberOnly() {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String weekly = "ugebrev-" + unique + "@example.dk";
		String instant = "instant-" + unique + "@example.dk";
		String neverConfirmed = "ubekraeftet-" + unique + "@example.dk";
		subscribe(weekly, "weekly", "da");
		subscribe(instant, "instant", "en");
		subscribe(neverConfirmed, "weekly", "da");

		Letter confirmation = onlyLetter(weekly);
		assertThat(confirmation.subject()).isEqualTo("Bekræft din tilmelding til Sammens nyhedsbrev");
		assertThat(onlyLetter(instant).subject()).isEqualTo("Confirm your subscription to the Sammen newsletter");
		assertThat(onlyLetter(neverConfirmed).subject()).startsWith("Bekræft");
		confirm(confirmation);
		confirm(onlyLetter(instant));

		Partner partner = this.gateway.newPartner("Viborg Fællesspisning " + unique);
		String title = "Torsdagsspisning i Viborg " + unique;
		this.gateway.publishEvent(partner, EventBody.in(TOWN, daysAhead(2, 17, 30)).title(title).welcome("kom-alene"));
		List<Letter> instantLetters = this.mailbox.awaitLetters(instant, 2, MAIL_BUDGET);
		assertThat(instantLetters.get(1).subject()).isEqualTo("New event: " + title);
		assertThat(instantLetters.get(1).text()).contains("✓ Come alone – someone will welcome you");

		JsonNode digest = completed(this.gateway.startEdition(JSON.createObjectNode().put("kind", "weekly-digest")));
		assertThat(digest.path("sent").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(digest.path("failed").asInt()).isZero();

		List<Letter> weeklyLetters = this.mailbox.awaitLetters(weekly, 2, MAIL_BUDGET);
		assertThat(weeklyLetters).hasSize(2);
		Letter digestLetter = weeklyLetters.get(1);
		assertThat(digestLetter.subject()).startsWith("Det sker nær dig");
		assertThat(digestLetter.text()).contains(title, "✓ Kom alene – nogen tager imod dig");
		assertThat(digestLetter.html()).contains(title);
		assertThat(digestLetter.listUnsubscribe()).contains("/api/v1/subscriptions/unsubscribe?token=");
		assertThat(digestLetter.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(digestLetter.text()).contains("/api/v1/subscriptions/me?token=");
		// the digest is for weekly subscribers; the unconfirmed address never gets anything else
		assertThat(this.mailbox.inbox(instant)).hasSize(2);
		assertThat(this.mailbox.inbox(neverConfirmed)).hasSize(1);

		oneClickUnsubscribe(digestLetter);
		JsonNode second = completed(this.gateway.startEdition(JSON.createObjectNode().put("kind", "weekly-digest")));
		assertThat(second.path("failed").asInt()).isZero();
		assertThat(this.mailbox.inbox(weekly)).hasSize(2);
	}

	private void subscribe(String email, String frequency, String language) {
		ObjectNode body = JSON.createObjectNode().put("email", email).put("frequency", frequency).put("language", language);
		body.putArray("kommuner").add(TOWN.kommuneCode());
		this.gateway.subscribe(body).expect(202);
	}

	private Letter onlyLetter(String address) {
		List<Letter> letters = this.mailbox.awaitLetters(address, 1, MAIL_BUDGET);
		assertThat(letters).hasSize(1);
		return letters.get(0);
	}

	private void confirm(Letter confirmation) {
		String token = confirmation.tokenOfLink("/api/v1/subscriptions/confirm");
		JsonNode answer = this.gateway.postLink("/api/v1/subscriptions/confirm?token=" + token).expect(200).json();
		assertThat(answer.path("status").asText()).isEqualTo("confirmed");
	}

	/** What a mail program does with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058). */
	private void oneClickUnsubscribe(Letter letter) {
		String header = letter.listUnsubscribe();
		String url = header.substring(header.indexOf("<http") + 1, header.indexOf('>', header.indexOf("<http")));
		String pathAndQuery = url.substring(url.indexOf("/api/"));
		JsonNode answer = this.gateway.postForm(pathAndQuery, "List-Unsubscribe=One-Click").expect(200).json();
		assertThat(answer.path("status").asText()).isEqualTo("unsubscribed");
	}

	private JsonNode completed(String editionId) {
		return await("edition " + editionId + " completed").atMost(MAIL_BUDGET)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.gateway.edition(editionId), (edition) -> "completed".equals(edition.path("status").asText()));
	}

}
