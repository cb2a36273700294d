/**
 * Mail: renders letters from Thymeleaf templates (HTML and plain text, Danish and English) and
 * sends them over SMTP with a rate limit and retries. Blocking: call it from worker threads (the
 * Kafka listener), never from the event loop.
 */
@NullMarked
package dk.sammen.notification.mail;

import org.jspecify.annotations.NullMarked;
