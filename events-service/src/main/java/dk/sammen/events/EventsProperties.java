package dk.sammen.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * events-service settings.
 *
 * @param topicPartitions partitions of the events topic: the unit of consumer parallelism
 * @param topicReplicas replication factor of the topics this service declares
 * @param maxBatchSize most events in one batch import
 */
@ConfigurationProperties("sammen.events")
public record EventsProperties(@DefaultValue("6") int topicPartitions, @DefaultValue("1") short topicReplicas,
		@DefaultValue("500") int maxBatchSize) {
}
