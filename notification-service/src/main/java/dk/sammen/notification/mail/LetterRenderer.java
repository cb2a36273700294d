package dk.sammen.notification.mail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Renders a {@link Letter} into a subject, a plain-text part and an HTML part from
 * {@code templates/mail/<kind>.txt} and {@code .html}, with the texts of
 * {@code mail/messages_<language>.properties}. Its Thymeleaf engine is its own and no bean, so
 * the web pages' engine and view resolution never see the mail templates, nor the other way round.
 */
final class LetterRenderer {

	private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");

	private static final Pattern THREE_OR_MORE_NEWLINES = Pattern.compile("\\n{3,}");

	private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");

	/** Unicode white space: NEL, LINE and PARAGRAPH SEPARATOR break lines in mail clients as CR and LF do. */
	private static final Pattern ANY_WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

	private final SpringTemplateEngine engine;

	private final Map<Language, MailFormat> formats = new EnumMap<>(Language.class);

	private final @Nullable URI hostMealUrl;

	LetterRenderer(@Nullable URI hostMealUrl) {
		this.hostMealUrl = hostMealUrl;
		MessageSource messages = messages();
		this.engine = new SpringTemplateEngine();
		this.engine.setTemplateEngineMessageSource(messages);
		this.engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
		this.engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
		for (Language language : Language.values()) {
			this.formats.put(language, new MailFormat(language, messages));
		}
	}

	private static MessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("mail/messages");
		messages.setDefaultEncoding("UTF-8");
		// a key missing in one language must show up as ??key?? in the tests, not as the server's language
		messages.setFallbackToSystemLocale(false);
		// one quoting rule for every text: apostrophes are doubled whether or not the text has arguments
		messages.setAlwaysUseMessageFormat(true);
		return messages;
	}

	private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(LetterRenderer.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		resolver.setOrder(order);
		return resolver;
	}

	Rendered render(Letter letter, Recipient to) {
		MailFormat fmt = this.formats.get(to.language());
		Map<String, Object> variables = new HashMap<>();
		variables.put("lang", to.language().code());
		variables.put("fmt", fmt);
		variables.put("letter", letter);
		if (letter.isNewsletter()) {
			variables.put("manageUrl", fmt.href(to.manageUrl()));
			variables.put("unsubscribeUrl", fmt.href(to.unsubscribeUrl()));
		}
		String subject = switch (letter) {
			case Letter.Confirmation confirmation -> {
				variables.put("confirmUrl", fmt.href(confirmation.confirmUrl()));
				variables.put("validity", validity(confirmation.validFor(), fmt));
				yield fmt.message("mail.confirmation.subject");
			}
			case Letter.AlreadySubscribed ignored -> fmt.message("mail.already-subscribed.subject");
			case Letter.WeeklyDigest digest -> {
				variables.put("items", chronological(digest.items()));
				yield fmt.message("mail.weekly-digest.subject", fmt.dayMonth(digest.from()), fmt.dayMonth(digest.to()));
			}
			case Letter.DsmAnnouncement announcement -> {
				variables.put("items", chronological(announcement.meals()));
				// a string: MessageFormat would print a number by the locale's rules
				variables.put("week", String.valueOf(announcement.week()));
				variables.put("hostMealUrl", fmt.href(this.hostMealUrl));
				yield fmt.message("mail.dsm-announcement.subject", String.valueOf(announcement.week()));
			}
			case Letter.CampaignNewsletter campaign -> {
				variables.put("paragraphs", paragraphs(campaign.body()));
				variables.put("items", chronological(campaign.activities()));
				yield campaign.subject();
			}
			case Letter.WebhookDisabled disabled -> {
				variables.put("failingSince", fmt.dateTime(disabled.failingSince().atZone(MailFormat.DANISH_TIME)));
				variables.put("disabledAt", fmt.dateTime(disabled.disabledAt().atZone(MailFormat.DANISH_TIME)));
				// a string: MessageFormat would print a number by the locale's rules
				variables.put("failures", String.valueOf(disabled.failures()));
				yield fmt.message("mail.webhook-disabled.subject", disabled.url());
			}
			case Letter.ReconfirmationRequested reconfirmation -> {
				variables.put("confirmedAt", fmt.dateTime(reconfirmation.confirmedAt().atZone(MailFormat.DANISH_TIME)));
				variables.put("staleAt", fmt.dateTime(reconfirmation.staleAt().atZone(MailFormat.DANISH_TIME)));
				variables.put("hiddenAt", fmt.dateTime(reconfirmation.hiddenAt().atZone(MailFormat.DANISH_TIME)));
				yield fmt.message("mail.reconfirmation.subject", reconfirmation.title());
			}
			case Letter.InstantNotice notice -> {
				variables.put("item", notice.item());
				yield fmt.message(notice.item().cancelled() ? "mail.instant.subject-cancelled" : "mail.instant.subject",
						notice.item().title());
			}
		};
		// a subject is one header line: a newline in an admin's subject or an event title must not start another header
		subject = ANY_WHITESPACE.matcher(subject).replaceAll(" ").strip();
		variables.put("subject", subject);
		Context context = new Context(to.language().locale(), variables);
		String html = this.engine.process(letter.kind() + ".html", context);
		String text = tidy(this.engine.process(letter.kind() + ".txt", context));
		return new Rendered(subject, text, html);
	}

	/** "24 timer", "7 dage", "30 minutter": whole hours up to two days, then whole days. */
	private static String validity(Duration validFor, MailFormat fmt) {
		long hours = validFor.toHours();
		boolean wholeHours = hours > 0 && validFor.toMinutesPart() == 0;
		if (wholeHours && hours > 48 && hours % 24 == 0) {
			return fmt.message("mail.duration.days", hours / 24);
		}
		if (wholeHours) {
			return fmt.message("mail.duration.hours", hours);
		}
		return fmt.message("mail.duration.minutes", Math.max(1, validFor.toMinutes()));
	}

	private static List<ListedItem> chronological(List<ListedItem> items) {
		return items.stream().sorted(Comparator.comparing((ListedItem item) -> item.startsAt().toInstant())).toList();
	}

	/** Plain text as paragraphs (split at blank lines) of lines, for HTML without trusting any markup in it. */
	static List<List<String>> paragraphs(String body) {
		List<List<String>> paragraphs = new ArrayList<>();
		for (String paragraph : BLANK_LINES.split(body.replace("\r\n", "\n").replace('\r', '\n').strip())) {
			List<String> lines = Arrays.stream(paragraph.split("\n")).map(String::strip).filter((l) -> !l.isEmpty()).toList();
			if (!lines.isEmpty()) {
				paragraphs.add(lines);
			}
		}
		return paragraphs;
	}

	/** Text templates leave blank lines where their loops and conditions were. */
	private static String tidy(String text) {
		String tidied = TRAILING_SPACE.matcher(text.replace("\r\n", "\n")).replaceAll("\n");
		return THREE_OR_MORE_NEWLINES.matcher(tidied).replaceAll("\n\n").strip() + "\n";
	}

	record Rendered(String subject, String text, String html) {
	}

}
