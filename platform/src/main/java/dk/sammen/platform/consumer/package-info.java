/**
 * Consuming CloudEvents from Kafka the same way in every service: binary-mode records read as
 * headers plus raw JSON bytes, a few retries with exponential backoff for what may pass later,
 * and a dead-letter topic for what never will, so one poison message never blocks its partition.
 * A service opts in with {@code @Import(CloudEventConsumerConfiguration.class)} and listens with
 * {@link dk.sammen.platform.consumer.CloudEventConsumerConfiguration#CONTAINER_FACTORY}. Listeners
 * stay idempotent on {@code ce_id} themselves, best by recording it in the document they change.
 */
@NullMarked
package dk.sammen.platform.consumer;

import org.jspecify.annotations.NullMarked;
