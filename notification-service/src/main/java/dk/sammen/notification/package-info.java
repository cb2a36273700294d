/**
 * notification-service: subscriptions, confirmation mails and newsletters, fed by the published
 * events on Kafka. Each feature lives in its own sub-package; this package only holds the
 * application.
 */
@NullMarked
package dk.sammen.notification;

import org.jspecify.annotations.NullMarked;
