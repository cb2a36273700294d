package dk.sammen.notification.mail;

import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Renders and sends one letter at a time over SMTP, on a connection kept open between letters
 * ({@link SmtpConnections}): a {@code multipart/alternative} of plain text and HTML, with RFC 8058
 * one-click unsubscribe headers on every newsletter. One instance (the bean) holds the rate limit
 * for the whole service instance. Thread-safe; blocking.
 *
 * <p>Metrics: {@code sammen.notification.mails} (tags {@code kind}, {@code outcome} =
 * {@code sent}, {@code permanent-failure}, {@code temporary-failure}),
 * {@code sammen.notification.mail.send} (the time per letter, waits and retries included; same
 * tags) and {@code sammen.notification.mail.retries} (tag {@code kind}).
 */
public class Mailer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Mailer.class);

	private static final Pattern MESSAGE_ID = Pattern.compile("[\\x21-\\x7e&&[^<>@\\s]]+@[\\x21-\\x7e&&[^<>@\\s]]+");

	private final JavaMailSender sender;

	private final MailProperties properties;

	private final MeterRegistry meters;

	private final LetterRenderer renderer;

	private final RateLimiter rateLimiter;

	private final Retry retry;

	private final SmtpConnections connections;

	Mailer(JavaMailSender sender, MailProperties properties, MeterRegistry meters) {
		this.sender = sender;
		this.connections = new SmtpConnections(sender, properties.messagesPerConnection(),
				properties.connectionIdleReuse(), Clock.systemUTC());
		this.properties = properties;
		this.meters = meters;
		this.renderer = new LetterRenderer(properties.hostMealUrl());
		// one permit per slot spreads the sends evenly instead of letting a second's worth out in a burst
		this.rateLimiter = RateLimiter.of("mail", RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(Duration.ofNanos(Math.max(1, Math.round(1_000_000_000 / properties.ratePerSecond()))))
			.timeoutDuration(properties.permitTimeout())
			.build());
		this.retry = Retry.of("mail", RetryConfig.<SendOutcome>custom()
			.maxAttempts(properties.attempts())
			.intervalFunction(IntervalFunction.ofExponentialBackoff(properties.initialBackoff(),
					properties.backoffMultiplier(), properties.maxBackoff()))
			// an interrupted thread (shutdown) stops retrying and reports what it has
			.retryOnResult((outcome) -> outcome instanceof SendOutcome.TemporaryFailure
					&& !Thread.currentThread().isInterrupted())
			.build());
	}

	/**
	 * Renders {@code letter} for {@code to} and sends it, waiting for the rate limit and retrying
	 * temporary failures. Blocks; never call it on the event loop.
	 * @param messageId the RFC 5322 Message-ID without angle brackets, fixed per edition and
	 * subscriber so a receiving system can recognise a copy
	 */
	public SendOutcome send(String messageId, Recipient to, Letter letter) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("Mailer.send blocks on SMTP; call it from a worker thread, not "
					+ Thread.currentThread().getName());
		}
		if (!MESSAGE_ID.matcher(messageId).matches()) {
			throw new IllegalArgumentException("Not a Message-ID (left@right, no angle brackets): " + messageId);
		}
		if (letter.isNewsletter()) {
			requireWebUrl(to.manageUrl(), "manageUrl", letter);
			requireWebUrl(to.unsubscribeUrl(), "unsubscribeUrl", letter);
		}
		Timer.Sample sample = Timer.start(this.meters);
		SendOutcome outcome = deliver(messageId, to, letter);
		String outcomeTag = switch (outcome) {
			case SendOutcome.Sent sent -> "sent";
			case SendOutcome.PermanentFailure failure -> {
				logger.warn("Mail {} ({}) refused for good: {}", messageId, letter.kind(), failure.reason());
				yield "permanent-failure";
			}
			case SendOutcome.TemporaryFailure failure -> {
				logger.warn("Mail {} ({}) not sent for now: {}", messageId, letter.kind(), failure.reason());
				yield "temporary-failure";
			}
		};
		Counter.builder("sammen.notification.mails")
			.description("Letters by how sending them ended")
			.tag("kind", letter.kind())
			.tag("outcome", outcomeTag)
			.register(this.meters)
			.increment();
		sample.stop(Timer.builder("sammen.notification.mail.send")
			.description("Time to send one letter, rate-limit waits and retries included")
			.tag("kind", letter.kind())
			.tag("outcome", outcomeTag)
			.register(this.meters));
		return outcome;
	}

	private SendOutcome deliver(String messageId, Recipient to, Letter letter) {
		InternetAddress address;
		try {
			address = address(to.email());
		}
		catch (AddressException ex) {
			return new SendOutcome.PermanentFailure("not a valid address: " + ex.getMessage());
		}
		LetterRenderer.Rendered rendered = this.renderer.render(letter, to);
		MimeMessage message;
		try {
			message = compose(messageId, address, to, letter, rendered);
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			return new SendOutcome.PermanentFailure("the message could not be built: " + ex.getMessage());
		}
		Counter retries = Counter.builder("sammen.notification.mail.retries")
			.description("SMTP attempts repeated after a temporary failure")
			.tag("kind", letter.kind())
			.register(this.meters);
		int[] attempts = { 0 };
		SendOutcome[] last = { new SendOutcome.TemporaryFailure("not attempted") };
		try {
			return this.retry.executeSupplier(() -> {
				if (attempts[0]++ > 0) {
					retries.increment();
				}
				last[0] = attempt(messageId, message);
				return last[0];
			});
		}
		catch (RuntimeException ex) {
			// interrupted in the pause between attempts, Resilience4j rethrows its last exception, here none
			if (Thread.currentThread().isInterrupted()) {
				return last[0];
			}
			throw ex;
		}
	}

	private SendOutcome attempt(String messageId, MimeMessage message) {
		if (!this.rateLimiter.acquirePermission()) {
			return new SendOutcome.TemporaryFailure("no permit from the rate limit within " + this.properties.permitTimeout());
		}
		try {
			this.connections.send(message);
			return new SendOutcome.Sent();
		}
		catch (MailException ex) {
			SendOutcome outcome = SmtpFailures.classify(ex);
			logger.debug("Mail {}: attempt failed ({})", messageId, outcome, ex);
			return outcome;
		}
	}

	private MimeMessage compose(String messageId, InternetAddress address, Recipient to, Letter letter,
			LetterRenderer.Rendered rendered) throws MessagingException, UnsupportedEncodingException {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
		helper.setFrom(this.properties.fromAddress(), this.properties.fromName());
		helper.setTo(address);
		helper.setSubject(rendered.subject());
		MimeBodyPart text = new MimeBodyPart();
		text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
		// simplest last: clients show the last alternative they can display
		MimeMultipart alternative = new MimeMultipart("alternative", text, html);
		message.setContent(alternative);
		message.setHeader("Message-ID", "<" + messageId + ">");
		message.setHeader("Content-Language", to.language().code());
		// RFC 3834: an automatic mail, so vacation responders keep quiet
		message.setHeader("Auto-Submitted", "auto-generated");
		URI unsubscribe = to.unsubscribeUrl();
		if (letter.isNewsletter() && unsubscribe != null) {
			message.setHeader("List-Unsubscribe", "<" + unsubscribe.toASCIIString() + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		return message;
	}

	/** One strictly valid bare address; a domain such as {@code ærø.dk} is sent in its ASCII (IDNA) form. */
	private static InternetAddress address(String email) throws AddressException {
		String trimmed = email.strip();
		int at = trimmed.lastIndexOf('@');
		if (at <= 0 || at == trimmed.length() - 1) {
			throw new AddressException("no local part and domain", email);
		}
		String domain;
		try {
			domain = IDN.toASCII(trimmed.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
		}
		catch (IllegalArgumentException ex) {
			throw new AddressException("not a valid domain", email);
		}
		InternetAddress address = new InternetAddress(trimmed.substring(0, at + 1) + domain, true);
		address.validate();
		if (address.getPersonal() != null) {
			throw new AddressException("a name and an address, not a bare address", email);
		}
		return address;
	}

	private static void requireWebUrl(@Nullable URI url, String name, Letter letter) {
		String scheme = (url != null) ? url.getScheme() : null;
		if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
			throw new IllegalArgumentException(
					"A " + letter.kind() + " letter needs the recipient's " + name + " (http or https), got " + url);
		}
	}

	/** Closes the SMTP connections kept open between letters. */
	@Override
	public void close() {
		this.connections.close();
	}

	/** The limiter all sends of this instance share; tests read its metrics. */
		RateLimiter rateLimiter() {
		return this.rateLimiter;
	}

}
