package dk.sammen.notification.mail;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How letters are sent. The SMTP server itself is Boot's {@code spring.mail.*}.
 *
 * @param fromAddress the sender address of every letter
 * @param fromName the sender name readers see
 * @param ratePerSecond most SMTP attempts per second from one instance of the service, spread
 * evenly (a relay may throttle or block a burst)
 * @param permitTimeout longest wait for the rate limit before an attempt counts as a temporary failure
 * @param attempts SMTP attempts per letter, the first included, before a temporary failure is given up
 * @param initialBackoff pause after the first temporary failure, growing by {@code backoffMultiplier}
 * @param backoffMultiplier growth of the pause between attempts
 * @param maxBackoff longest pause between attempts
 * @param smtpTimeout connect, read and write timeout on the SMTP connection, unless
 * {@code spring.mail.properties} sets them (Jakarta Mail waits forever by default)
 * @param hostMealUrl where to read about hosting a Danmark Spiser Sammen meal, linked when the
 * announcement finds no meals; no link when unset
 * @param messagesPerConnection letters sent over one SMTP connection before it is closed and a new
 * one opened (1: a connection per letter); relays often cap this
 * @param connectionIdleReuse how long an idle SMTP connection is still used for the next letter;
 * below the relay's idle timeout (Postfix: 300 s), so a connection the relay dropped is rarely tried
 */
@ConfigurationProperties("sammen.notification.mail")
record MailProperties(@DefaultValue("nyhedsbrev@sammen.dk") String fromAddress, @DefaultValue("Sammen") String fromName,
		@DefaultValue("20") double ratePerSecond, @DefaultValue("30s") Duration permitTimeout,
		@DefaultValue("4") int attempts, @DefaultValue("1s") Duration initialBackoff,
		@DefaultValue("2.0") double backoffMultiplier, @DefaultValue("30s") Duration maxBackoff,
		@DefaultValue("30s") Duration smtpTimeout, @Nullable URI hostMealUrl,
		@DefaultValue("100") int messagesPerConnection, @DefaultValue("10s") Duration connectionIdleReuse) {

	MailProperties {
		Assert.isTrue(ratePerSecond > 0, "sammen.notification.mail.rate-per-second must be positive");
		Assert.isTrue(attempts >= 1, "sammen.notification.mail.attempts must be at least 1");
		Assert.isTrue(backoffMultiplier >= 1, "sammen.notification.mail.backoff-multiplier must be at least 1");
		Assert.isTrue(initialBackoff.isPositive() && !maxBackoff.minus(initialBackoff).isNegative(),
				"sammen.notification.mail.initial-backoff must be positive and at most max-backoff");
		Assert.isTrue(smtpTimeout.isPositive(), "sammen.notification.mail.smtp-timeout must be positive");
		Assert.isTrue(messagesPerConnection >= 1, "sammen.notification.mail.messages-per-connection must be at least 1");
	}

}
