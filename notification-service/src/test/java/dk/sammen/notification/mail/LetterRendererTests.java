package dk.sammen.notification.mail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static dk.sammen.notification.mail.MailFixtures.THURSDAY_EVENING;
import static dk.sammen.notification.mail.MailFixtures.announcement;
import static dk.sammen.notification.mail.MailFixtures.campaign;
import static dk.sammen.notification.mail.MailFixtures.digest;
import static dk.sammen.notification.mail.MailFixtures.meal;
import static dk.sammen.notification.mail.MailFixtures.subscriber;
import static org.assertj.core.api.Assertions.assertThat;

/** The letters as readers see them, without SMTP in between. */
class LetterRendererTests {

	private final LetterRenderer renderer = new LetterRenderer(URI.create("https://sammen.example/vaert"));

	@Test
	void rendersEveryKind_inBothLanguagesWithEveryText() {
		for (Language language : Language.values()) {
			for (Letter letter : MailFixtures.everyKind()) {
				LetterRenderer.Rendered rendered = this.renderer.render(letter, subscriber("a@sammen.example", language));

				assertThat(rendered.subject()).as("%s %s", letter.kind(), language).isNotBlank().doesNotContain("??");
				assertThat(rendered.text()).as("%s %s", letter.kind(), language).doesNotContain("??", "[(", "[#");
				assertThat(rendered.html()).as("%s %s", letter.kind(), language)
					.doesNotContain("??", " th:", "xmlns:th")
					.contains("<html lang=\"" + language.code() + "\">", "<title>" + rendered.subject() + "</title>");
			}
		}
	}

	@Test
	void hasTheSameTexts_inDanishAndEnglish() throws IOException {
		assertThat(bundle("da").stringPropertyNames()).isNotEmpty().isEqualTo(bundle("en").stringPropertyNames());
	}

	@Test
	void writesDanish_forDanishReader() {
		LetterRenderer.Rendered rendered = this.renderer.render(MailFixtures.confirmation(),
				MailFixtures.unconfirmed("a@sammen.example", Language.DA));

		assertThat(rendered.subject()).isEqualTo("Bekræft din tilmelding til Sammens nyhedsbrev");
		assertThat(rendered.text()).contains("Linket virker i 24 timer.", "kan du bare slette denne mail");
		assertThat(rendered.html()).contains("Ja, bekræft min tilmelding");
	}

	@Test
	void writesEnglish_forEnglishReader() {
		LetterRenderer.Rendered rendered = this.renderer.render(MailFixtures.confirmation(),
				MailFixtures.unconfirmed("a@sammen.example", Language.EN));

		assertThat(rendered.subject()).isEqualTo("Confirm your subscription to the Sammen newsletter");
		assertThat(rendered.text()).contains("The link works for 24 hours.", "just delete this mail");
		assertThat(rendered.html()).contains("Yes, confirm my subscription").doesNotContain("bekræft");
	}

	@Test
	void formatsTimes_theDanishWayInDanishTime() {
		ListedItem inUtc = new ListedItem("Fællesspisning", THURSDAY_EVENING.withZoneSameInstant(ZoneOffset.UTC), null,
				false, URI.create("https://sammen.example/events/ev-2"), false);

		String danish = this.renderer.render(digest(inUtc), subscriber("a@sammen.example", Language.DA)).text();
		String english = this.renderer.render(digest(inUtc), subscriber("a@sammen.example", Language.EN)).text();

		assertThat(danish).contains("torsdag 29. april kl. 17.30", "fra mandag 26. april til søndag 2. maj 2027");
		assertThat(english).contains("Thursday 29 April at 17:30");
	}

	@Test
	void statesValidity_inWholeUnits() {
		assertThat(validity(Duration.ofMinutes(30), Language.DA)).contains("Linket virker i 30 minutter.");
		assertThat(validity(Duration.ofHours(1), Language.DA)).contains("Linket virker i 1 time.");
		assertThat(validity(Duration.ofDays(7), Language.DA)).contains("Linket virker i 7 dage.");
		assertThat(validity(Duration.ofDays(7), Language.EN)).contains("The link works for 7 days.");
	}

	@Test
	void escapesMarkup_inTitlesAndCampaignText() {
		ListedItem hostile = new ListedItem("<script>alert('titel')</script>", THURSDAY_EVENING, "<b>Salen</b>", false,
				URI.create("https://sammen.example/events/ev-3"), false);
		Letter.CampaignNewsletter letter = new Letter.CampaignNewsletter("vaer-en-som-raekker-ud",
				"Emne <img src=x onerror=alert(1)>", "Hej <script>alert('brødtekst')</script>\n\n<a href=\"https://ond.example\">klik</a>",
				List.of(hostile));

		String html = this.renderer.render(letter, subscriber("a@sammen.example", Language.DA)).html();

		assertThat(html).doesNotContain("<script", "<img", "<b>", "href=\"https://ond.example\"")
			.contains("&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;", "&lt;script&gt;alert(&#39;brødtekst&#39;)",
					"Emne &lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;Salen&lt;/b&gt;");
	}

	@Test
	void keepsCampaignText_asParagraphsAndLines() {
		String html = this.renderer.render(campaign("Nyt fra kampagnen", "Første afsnit.\r\n\r\n\r\nAndet afsnit,\nanden linje."),
				subscriber("a@sammen.example", Language.DA)).html();

		assertThat(html).contains("<p style=\"margin:0 0 16px 0\">Første afsnit.</p>",
				"<p style=\"margin:0 0 16px 0\">Andet afsnit,<br>anden linje.</p>");
	}

	@Test
	void makesSubject_oneLine() {
		LetterRenderer.Rendered rendered = this.renderer.render(campaign("Emne\r\nBcc: alle@sammen.example", "Tekst"),
				subscriber("a@sammen.example", Language.DA));

		assertThat(rendered.subject()).isEqualTo("Emne Bcc: alle@sammen.example");
	}

	@Test
	void makesSubject_oneLine_atUnicodeLineBreaks() {
		for (String lineBreak : new String[] { "\u0085", "\u2028", "\u2029", "\u000b", "\f" }) {
			LetterRenderer.Rendered rendered = this.renderer.render(
					campaign("Emne" + lineBreak + "Bcc: alle@sammen.example", "Tekst"), subscriber("a@sammen.example", Language.DA));

			assertThat(rendered.subject()).as("U+%04X", (int) lineBreak.charAt(0)).isEqualTo("Emne Bcc: alle@sammen.example");
		}
	}

	@Test
	void linksOnlyWebAddresses() {
		ListedItem scripted = new ListedItem("Arrangement", THURSDAY_EVENING, "Salen", false,
				URI.create("javascript:alert(1)"), false);

		LetterRenderer.Rendered rendered = this.renderer.render(new Letter.InstantNotice(scripted),
				subscriber("a@sammen.example", Language.DA));

		assertThat(rendered.html()).contains("Arrangement").doesNotContain("javascript");
		assertThat(rendered.text()).contains("Arrangement").doesNotContain("javascript");
	}

	@Test
	void saysCancelled_inWords() {
		ListedItem cancelled = new ListedItem("Fællesspisning", THURSDAY_EVENING, "Salen", false,
				URI.create("https://sammen.example/events/ev-4"), true);

		LetterRenderer.Rendered rendered = this.renderer.render(new Letter.InstantNotice(cancelled),
				subscriber("a@sammen.example", Language.DA));

		assertThat(rendered.subject()).isEqualTo("Aflyst: Fællesspisning");
		assertThat(rendered.text()).contains("Et arrangement, som passer til det, du har valgt, er blevet aflyst:",
				"Aflyst: Fællesspisning");
	}

	@Test
	void showsWelcome_inWordsInBothParts_andExplainsItInTheAnnouncement() {
		ListedItem welcoming = new ListedItem("Fællesspisning", THURSDAY_EVENING, "Salen", false,
				URI.create("https://sammen.example/events/ev-5"), false, List.of("kom-alene", "foelgeskab", "ukendt"));

		LetterRenderer.Rendered danish = this.renderer.render(announcement(welcoming),
				subscriber("a@sammen.example", Language.DA));
		LetterRenderer.Rendered english = this.renderer.render(new Letter.InstantNotice(welcoming),
				subscriber("a@sammen.example", Language.EN));

		assertThat(danish.text()).contains("✓ Kom alene – nogen tager imod dig\n✓ Følgeskab kan arrangeres",
				"Ved måltider markeret »Kom alene«").doesNotContain("ukendt");
		assertThat(danish.html()).contains("✓ Kom alene – nogen tager imod dig", "✓ Følgeskab kan arrangeres");
		assertThat(english.text()).contains("✓ Come alone – someone will welcome you");
		assertThat(english.html()).contains("✓ A companion can be arranged").doesNotContain("Kom alene");
	}

	@Test
	void invitesToHost_whenAnnouncementHasNoMeals() {
		String withMeals = this.renderer.render(announcement(meal()), subscriber("a@sammen.example", Language.DA)).text();
		String withoutMeals = this.renderer.render(announcement(), subscriber("a@sammen.example", Language.DA)).text();
		String withoutHostLink = new LetterRenderer(null).render(announcement(), subscriber("a@sammen.example", Language.DA))
			.html();

		assertThat(withMeals).contains("Danmark Spiser Sammen i uge 17", "Fællesspisning i Medborgerhuset")
			.doesNotContain("Vil du selv invitere");
		assertThat(withoutMeals).contains("Vil du selv invitere til et måltid?", "https://sammen.example/vaert");
		assertThat(withoutHostLink).contains("Vil du selv invitere til et måltid?").doesNotContain("Sådan bliver du vært");
	}

	@Test
	void showsManageAndUnsubscribeLinks_onEveryNewsletterOnly() {
		for (Letter letter : MailFixtures.everyKind()) {
			LetterRenderer.Rendered rendered = this.renderer.render(letter, subscriber("a@sammen.example", Language.DA));
			if (!letter.isNewsletter()) {
				assertThat(rendered.html()).as(letter.kind()).doesNotContain(MailFixtures.MANAGE.toString(), MailFixtures.UNSUBSCRIBE.toString());
				assertThat(rendered.text()).as(letter.kind())
					.doesNotContain(MailFixtures.MANAGE.toString(), MailFixtures.UNSUBSCRIBE.toString());
			}
			else {
				assertThat(rendered.html()).as(letter.kind())
					.contains("href=\"" + MailFixtures.MANAGE + "\"", "href=\"" + MailFixtures.UNSUBSCRIBE + "\"",
							"Afmeld nyhedsbrevet");
				assertThat(rendered.text()).as(letter.kind())
					.contains(MailFixtures.MANAGE.toString(), MailFixtures.UNSUBSCRIBE.toString());
			}
		}
	}

	@Test
	void tellsPartnerWhatWasTurnedOffAndHowToTurnItOn_whenWebhookIsDisabled() {
		LetterRenderer.Rendered danish = this.renderer.render(MailFixtures.webhookDisabled(),
				new Recipient("kontakt@sammen.example", Language.DA, null, null));
		LetterRenderer.Rendered english = this.renderer.render(MailFixtures.webhookDisabled(),
				new Recipient("kontakt@sammen.example", Language.EN, null, null));

		assertThat(danish.subject()).isEqualTo("Vi har slået jeres webhook fra: https://hooks.example.dk/sammen");
		assertThat(danish.text()).contains("De sidste 15 forsøg siden mandag 3. maj kl. 10.00 mislykkedes. Sidste svar: HTTP 503.",
				"POST /api/v1/organisations/me/webhooks/wh-1/enable", "GET /api/v1/organisations/me/webhooks/wh-1/deliveries")
			.doesNotContain("nyhedsbrev");
		assertThat(english.text()).contains("The last 15 attempts since Monday 3 May at 10:00 failed. Last answer: HTTP 503.");
	}

	private String validity(Duration validFor, Language language) {
		return this.renderer.render(new Letter.Confirmation(URI.create("https://sammen.example/c"), validFor),
				MailFixtures.unconfirmed("a@sammen.example", language)).text();
	}

	private static Properties bundle(String language) throws IOException {
		Properties bundle = new Properties();
		try (InputStream in = LetterRendererTests.class.getResourceAsStream("/mail/messages_" + language + ".properties")) {
			bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return bundle;
	}

}
