/**
 * Subscribers: subscribe (always 202), double opt-in, consent history, manage, unsubscribe in one
 * click and erase; the limits that keep the endpoint from being used to mail-bomb someone.
 */
@NullMarked
package dk.sammen.notification.subscription;

import org.jspecify.annotations.NullMarked;
