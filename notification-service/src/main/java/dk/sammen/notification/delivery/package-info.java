/**
 * Delivery: consumes the delivery tasks (consumer group {@code notification-service}, spread over
 * replicas by partition), and sends each mail at most once. A unique delivery record per edition and
 * subscriber is claimed before sending and closed after; a redelivered task finds it and stops, and
 * the reconciler settles records whose worker died.
 */
@NullMarked
package dk.sammen.notification.delivery;

import org.jspecify.annotations.NullMarked;
