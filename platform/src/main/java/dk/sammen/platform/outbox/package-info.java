/**
 * Reliable publishing without distributed transactions: a change and the CloudEvents it causes
 * are written in one atomic document update (the {@code outbox} array inside the aggregate
 * document); {@link dk.sammen.platform.outbox.OutboxRelay} sends them to Kafka with an
 * idempotent producer, a batch of documents at a time, and removes each only after the broker
 * acknowledged it. A crash between send and removal re-sends the same {@code ce_id}, which
 * consumers de-duplicate.
 */
@NullMarked
package dk.sammen.platform.outbox;

import org.jspecify.annotations.NullMarked;
