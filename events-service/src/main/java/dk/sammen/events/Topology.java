package dk.sammen.events;

import dk.sammen.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.kafka.config.TopicBuilder;

/** The topics this service produces to; it owns their partitioning. */
@Configuration(proxyBeanMethods = false)
class Topology {

	@Bean
	NewTopic eventsTopic(EventsProperties properties) {
		return TopicBuilder.name(Topics.EVENTS)
			.partitions(properties.topicPartitions())
			.replicas(properties.topicReplicas())
			.build();
	}

	@Bean
	NewTopic apiKeysTopic(EventsProperties properties) {
		return TopicBuilder.name(Topics.API_KEYS)
			.partitions(3)
			.replicas(properties.topicReplicas())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

	/** Compacted like the keys: a reader rebuilds its directory of organisations from the beginning. */
	@Bean
	NewTopic organisationsTopic(EventsProperties properties) {
		return TopicBuilder.name(Topics.ORGANISATIONS)
			.partitions(3)
			.replicas(properties.topicReplicas())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.build();
	}

}
