package dk.sammen.notification.mail;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Who a letter goes to.
 *
 * @param email the confirmed (or, for the confirmation letter only, the unconfirmed) address
 * @param language the language of the letter
 * @param manageUrl where the subscriber sees and changes what is stored; null for letters that are no
 * newsletter (the confirmation, a notice to a partner organisation)
 * @param unsubscribeUrl the RFC 8058 one-click unsubscribe URL, sent as {@code List-Unsubscribe}; null
 * for the confirmation letter, which goes to someone who has not subscribed yet
 */
public record Recipient(String email, Language language, @Nullable URI manageUrl, @Nullable URI unsubscribeUrl) {
}
