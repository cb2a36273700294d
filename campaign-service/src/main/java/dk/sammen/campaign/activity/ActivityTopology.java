package dk.sammen.campaign.activity;

import org.apache.kafka.clients.admin.NewTopic;

import dk.sammen.contracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic this service produces to; it owns its partitioning. */
@Configuration(proxyBeanMethods = false)
class ActivityTopology {

	@Bean
	NewTopic campaignActivitiesTopic(TopicProperties properties) {
		return TopicBuilder.name(Topics.CAMPAIGN_ACTIVITIES)
			.partitions(properties.partitions())
			.replicas(properties.replicas())
			.build();
	}

	/**
	 * The campaign activities topic.
	 *
	 * @param partitions partitions of {@code sammen.campaign-activities.v1}; activities are few, so few
	 * @param replicas its replication factor
	 */
	@ConfigurationProperties("sammen.campaign.activities-topic")
	record TopicProperties(@DefaultValue("3") int partitions, @DefaultValue("1") short replicas) {
	}

}
