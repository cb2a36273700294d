/**
 * Signed links: the tokens in confirmation, manage and unsubscribe URLs. Each is an HMAC over
 * purpose, subscriber and expiry with a named key, so keys can rotate without breaking links
 * already in people's inboxes.
 */
@NullMarked
package dk.sammen.notification.token;

import org.jspecify.annotations.NullMarked;
