/**
 * Outgoing webhooks (CONTRACT section 9): a partner organisation registers HTTPS endpoints and
 * receives the changes of its own events as CloudEvents (HTTP binding, binary mode), signed with
 * {@code X-Sammen-Signature}. Deliveries are fed from Kafka, kept in MongoDB one document each,
 * claimed with a lease and retried with exponential backoff and jitter; an endpoint that keeps
 * failing is turned off and its organisation is told by mail. Every URL passes the SSRF rules of
 * {@link dk.sammen.notification.webhook.AddressRules} at registration and before each attempt, and
 * the connection goes to the address that was checked.
 */
@NullMarked
package dk.sammen.notification.webhook;

import org.jspecify.annotations.NullMarked;
