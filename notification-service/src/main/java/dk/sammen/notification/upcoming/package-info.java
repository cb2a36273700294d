/**
 * What is coming up: notification-service's own read model of published events and campaign
 * activities, kept from the Kafka topics, so composing a newsletter never calls another service.
 * A newly published event also starts its instant notice edition.
 */
@NullMarked
package dk.sammen.notification.upcoming;

import org.jspecify.annotations.NullMarked;
