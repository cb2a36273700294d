package dk.sammen.notification;

import org.apache.kafka.clients.admin.NewTopic;

import dk.sammen.contracts.Topics;
import dk.sammen.notification.edition.EditionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic this service produces to and owns: its partitions bound how many replicas send mail
 * at once.
 */
@Configuration(proxyBeanMethods = false)
class Topology {

	@Bean
	NewTopic deliveriesTopic(EditionProperties properties) {
		return TopicBuilder.name(Topics.NOTIFICATION_DELIVERIES)
			.partitions(properties.deliveryPartitions())
			.replicas(properties.deliveryReplicas())
			.build();
	}

}
