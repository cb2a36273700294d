package dk.sammen.gateway.apikey;

import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.Topics;
import dk.sammen.platform.identity.IdentityProperties;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/** Wires API-key authentication and the directory's feed from Kafka. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeyProperties.class)
class ApiKeyConfiguration {

	static final String CONTAINER = "apiKeyListenerContainer";

	private static final Log logger = LogFactory.getLog(ApiKeyConfiguration.class);

	@Bean
	ApiKeyDirectory apiKeyDirectory() {
		return new ApiKeyDirectory();
	}

	@Bean
	ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(ApiKeyDirectory directory, SignedIdentities identities,
			IdentityProperties identity, ApiKeyProperties properties) {
		return new ApiKeyAuthenticationFilter(directory, identities, identity.header(), properties.adminKey());
	}

	/** Compacted, so that the latest event per key id is kept for as long as the topic lives. */
	@Bean
	NewTopic apiKeysTopic() {
		return TopicBuilder.name(Topics.API_KEYS).partitions(3).compact().build();
	}

	@Bean
	ApiKeyDirectoryReadiness apiKeysHealthIndicator(ApiKeyDirectory directory) {
		return new ApiKeyDirectoryReadiness(directory, CONTAINER);
	}

	@Bean
	MeterBinder apiKeyMetrics(ApiKeyDirectory directory) {
		return (registry) -> Gauge.builder("sammen.gateway.api-keys", directory, ApiKeyDirectory::size)
			.description("API keys the gateway can authenticate")
			.register(registry);
	}

	/**
	 * Every replica must know every key, so each one reads the whole topic under a consumer group
	 * of its own, from the beginning. Offsets are never committed: a restarted gateway has an
	 * empty directory and has to read everything again anyway, and a group without commits leaves
	 * nothing behind on the broker.
	 */
	@Bean(CONTAINER)
	KafkaMessageListenerContainer<String, CloudEvent> apiKeyListenerContainer(KafkaProperties kafka,
			ApiKeyDirectory directory, JsonMapper jsonMapper, ApiKeyDirectoryReadiness readiness) {
		Map<String, Object> config = kafka.buildConsumerProperties();
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		// a record that is not a CloudEvent at all reaches the error handler instead of failing every poll
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
		config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, CloudEventDeserializer.class);
		ContainerProperties properties = new ContainerProperties(Topics.API_KEYS);
		properties.setMessageListener(new ApiKeyEventListener(directory, jsonMapper));
		// MANUAL without ever acknowledging is how a listener container commits nothing
		properties.setAckMode(ContainerProperties.AckMode.MANUAL);
		properties.setConsumerRebalanceListener(readiness);
		// idleness is checked after each poll; short polls let readiness follow a quiet topic within a second
		properties.setPollTimeout(1000L);
		properties.setIdleEventInterval(500L);
		properties.setIdleBeforeDataMultiplier(1.0);
		KafkaMessageListenerContainer<String, CloudEvent> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(config), properties);
		container.setCommonErrorHandler(skippingErrorHandler());
		return container;
	}

	/**
	 * Applying a record only touches memory, so a failure is never transient: a record that could
	 * not be applied once never will be. It is logged (without its payload) and skipped at once,
	 * so one poison record cannot stop the directory from learning the keys after it.
	 */
	private static DefaultErrorHandler skippingErrorHandler() {
		DefaultErrorHandler handler = new DefaultErrorHandler(
				(record, ex) -> logger.warn("Skipping unreadable record " + record.topic() + "-" + record.partition()
						+ "@" + record.offset() + ": " + NestedExceptionUtils.getMostSpecificCause(ex)),
				new FixedBackOff(0L, 0L));
		handler.setAckAfterHandle(false);
		return handler;
	}

}
