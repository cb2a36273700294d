package dk.sammen.notification.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery rules.
 *
 * @param claimLease how long a worker owns a delivery it claimed; after that the reconciler settles
 * it. Longer than the longest send with its retries.
 * @param temporaryFailureAttempts how many times a mail that keeps failing temporarily is tried, each
 * after a lease, before it is recorded failed
 * @param reconcileInterval how often stale claims are looked for
 * @param messageIdDomain the domain part of the Message-IDs
 */
@ConfigurationProperties("sammen.notification.delivery")
record DeliveryProperties(@DefaultValue("5m") Duration claimLease, @DefaultValue("3") int temporaryFailureAttempts,
		@DefaultValue("10s") Duration reconcileInterval, @DefaultValue("sammen.dk") String messageIdDomain) {
}
