package dk.sammen.notification.subscription;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Subscription rules.
 *
 * @param consentTextVersion the version of the consent text the sign-up form shows; recorded with
 * every consent
 * @param perClientLimit subscribe requests one client address may make per {@code perClientWindow};
 * more are refused with 429
 * @param perClientWindow the window of {@code perClientLimit}
 * @param perAddressLimit confirmation or already-subscribed mails one e-mail address may get per
 * {@code perAddressWindow}; more requests are still answered 202 but send nothing
 * @param perAddressWindow the window of {@code perAddressLimit}
 */
@ConfigurationProperties("sammen.notification.subscriptions")
record SubscriptionProperties(@DefaultValue("1") String consentTextVersion, @DefaultValue("20") int perClientLimit,
		@DefaultValue("1h") Duration perClientWindow, @DefaultValue("3") int perAddressLimit,
		@DefaultValue("24h") Duration perAddressWindow) {
}
