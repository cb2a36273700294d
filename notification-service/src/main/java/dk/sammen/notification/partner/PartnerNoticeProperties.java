package dk.sammen.notification.partner;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mails to partner organisations.
 *
 * @param language the language of the mails ({@code da} or {@code en}); organisations have none of
 * their own yet
 * @param sweepInterval how often owed mails are looked for
 * @param claimLease how long a mail may be with the relay before its fate counts as unknown
 * @param maxAttempts temporary failures before a mail is given up as failed
 * @param retryDelay the first pause after a temporary failure, doubled each time
 * @param messageIdDomain the right-hand side of the mails' Message-IDs
 */
@ConfigurationProperties("sammen.notification.partner-notices")
record PartnerNoticeProperties(@DefaultValue("da") String language, @DefaultValue("30s") Duration sweepInterval,
		@DefaultValue("5m") Duration claimLease, @DefaultValue("8") int maxAttempts,
		@DefaultValue("1m") Duration retryDelay, @DefaultValue("sammen.dk") String messageIdDomain) {
}
