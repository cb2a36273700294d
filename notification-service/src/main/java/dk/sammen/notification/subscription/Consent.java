package dk.sammen.notification.subscription;

import java.time.Instant;

/**
 * One entry of a subscriber's consent history, kept as proof of what they agreed to and when.
 *
 * @param action {@code subscribed}, {@code confirmed}, {@code preferences-updated} or {@code withdrawn}
 * @param how {@code web-form}, {@code confirmation-link}, {@code manage-link} or {@code one-click-unsubscribe}
 * @param textVersion the version of the consent text shown at the time
 */
public record Consent(Instant at, String action, String how, String textVersion) {
}
