/**
 * notification-service's own work queue on {@link dk.sammen.contracts.Topics#NOTIFICATION_DELIVERIES}:
 * one record per mail to send, keyed by subscriber so one subscriber's mails stay on one partition.
 */
@NullMarked
package dk.sammen.contracts.notification;

import org.jspecify.annotations.NullMarked;
