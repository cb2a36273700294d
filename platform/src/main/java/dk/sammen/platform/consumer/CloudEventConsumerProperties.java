package dk.sammen.platform.consumer;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service consumes CloudEvents.
 *
 * @param topics the topics this service consumes; each gets its dead-letter topic declared
 * @param deadLetterPartitions partitions of each dead-letter topic: at least those of the source
 * topic, since a dead letter keeps its original partition number
 * @param deadLetterReplicas replication factor of the dead-letter topics
 * @param retries redeliveries after the first failure before a record is dead-lettered
 * @param initialBackoff pause before the first redelivery, doubled (see {@code multiplier}) each time
 * @param multiplier growth of the pause between redeliveries
 * @param maxBackoff longest pause between redeliveries
 */
@ConfigurationProperties("sammen.consumer")
public record CloudEventConsumerProperties(@DefaultValue List<String> topics, @DefaultValue("6") int deadLetterPartitions,
		@DefaultValue("1") short deadLetterReplicas, @DefaultValue("3") int retries,
		@DefaultValue("200ms") Duration initialBackoff, @DefaultValue("2.0") double multiplier,
		@DefaultValue("2s") Duration maxBackoff) {
}
