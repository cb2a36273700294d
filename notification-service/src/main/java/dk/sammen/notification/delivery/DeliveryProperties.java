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
 * @param listingReuse how long the upcoming items read for one letter are reused for the next
 * letters listing the same window (zero: read for every letter); a letter may miss a change this
 * recent
 * @param concurrency listener threads sending mail in one instance, each with its own partitions of
 * the deliveries topic; a crash can leave one mail per thread with an unknown outcome (never sent
 * again), hence one by default
 */
@ConfigurationProperties("sammen.notification.delivery")
record DeliveryProperties(@DefaultValue("5m") Duration claimLease, @DefaultValue("3") int temporaryFailureAttempts,
		@DefaultValue("10s") Duration reconcileInterval, @DefaultValue("sammen.dk") String messageIdDomain,
		@DefaultValue("5s") Duration listingReuse, @DefaultValue("1") int concurrency) {
}
