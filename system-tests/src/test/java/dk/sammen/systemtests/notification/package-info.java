/**
 * Subscriptions and newsletters (CONTRACT section 6) end to end: subscribe through the gateway,
 * read the mail in the stack's dev mailbox over IMAP, follow its links, trigger editions as the
 * admin and read what arrived.
 */
@NullMarked
package dk.sammen.systemtests.notification;

import org.jspecify.annotations.NullMarked;
