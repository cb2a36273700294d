package dk.sammen.platform.consumer;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.core.JacksonException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.Assert;

/**
 * The listener container factory for CloudEvents ({@link #CONTAINER_FACTORY}): records arrive as
 * {@code ConsumerRecord<String, byte[]>} and are read with {@link CloudEventRecord#of}. A failing
 * record is redelivered a few times with exponential backoff, then published with its original
 * headers and the failure ({@code kafka_dlt-exception-message}, {@code kafka_dlt-exception-fqcn},
 * {@code kafka_dlt-original-topic}, {@code -partition}, {@code -offset} …) to its dead-letter
 * topic ({@link DeadLetterTopics}), and the partition moves on. {@link PoisonMessageException} and
 * malformed JSON skip the retries. The consumer group is {@code spring.kafka.consumer.group-id};
 * a new group starts from the earliest offset, since read models need the whole history.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CloudEventConsumerProperties.class)
public class CloudEventConsumerConfiguration {

	/** The bean name to put in {@code @KafkaListener(containerFactory = …)}. */
	public static final String CONTAINER_FACTORY = "cloudEventListenerContainerFactory";

	@Bean
	ConsumerMetrics consumerMetrics(MeterRegistry meters) {
		return new ConsumerMetrics(meters);
	}

	@Bean
	ConsumerFactory<String, byte[]> cloudEventConsumerFactory(KafkaProperties kafka, MeterRegistry meters) {
		Map<String, Object> config = kafka.buildConsumerProperties();
		Assert.hasText((String) config.get(ConsumerConfig.GROUP_ID_CONFIG),
				"spring.kafka.consumer.group-id must name the consumer group");
		config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// values stay bytes: a payload that is not JSON must reach the listener, and from there the dead-letter topic
		DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(config,
				new ErrorHandlingDeserializer<>(new StringDeserializer()),
				new ErrorHandlingDeserializer<>(new ByteArrayDeserializer()));
		factory.addListener(new MicrometerConsumerListener<>(meters));
		return factory;
	}

	@Bean
	KafkaTemplate<String, byte[]> cloudEventDeadLetterTemplate(KafkaProperties kafka, MeterRegistry meters) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		if (config.get(ProducerConfig.CLIENT_ID_CONFIG) instanceof String clientId) {
			config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-dlt");
		}
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
		factory.addListener(new MicrometerProducerListener<>(meters));
		KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
		template.setObservationEnabled(true);
		return template;
	}

	@Bean
	DefaultErrorHandler cloudEventErrorHandler(
			@Qualifier("cloudEventDeadLetterTemplate") KafkaTemplate<String, byte[]> deadLetters,
			CloudEventConsumerProperties properties, KafkaProperties kafka, ConsumerMetrics metrics) {
		String groupId = kafka.getConsumer().getGroupId();
		Assert.hasText(groupId, "spring.kafka.consumer.group-id must name the consumer group");
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
				(record, ex) -> new TopicPartition(DeadLetterTopics.of(record.topic(), groupId), record.partition()));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retries());
		backOff.setInitialInterval(properties.initialBackoff().toMillis());
		backOff.setMultiplier(properties.multiplier());
		backOff.setMaxInterval(properties.maxBackoff().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			recoverer.accept(record, ex);
			metrics.deadLettered(record.topic());
		}, backOff);
		handler.addNotRetryableExceptions(PoisonMessageException.class, JacksonException.class);
		handler.setRetryListeners(new RetryListener() {
			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
				metrics.failed(record.topic(), ex);
			}
		});
		return handler;
	}

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> cloudEventListenerContainerFactory(
			@Qualifier("cloudEventConsumerFactory") ConsumerFactory<String, byte[]> consumers,
			@Qualifier("cloudEventErrorHandler") DefaultErrorHandler errorHandler, KafkaProperties kafka) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.setCommonErrorHandler(errorHandler);
		Integer concurrency = kafka.getListener().getConcurrency();
		if (concurrency != null) {
			factory.setConcurrency(concurrency);
		}
		factory.getContainerProperties().setObservationEnabled(true);
		return factory;
	}

	@Bean
	KafkaAdmin.NewTopics cloudEventDeadLetterTopics(CloudEventConsumerProperties properties, KafkaProperties kafka) {
		String groupId = kafka.getConsumer().getGroupId();
		Assert.hasText(groupId, "spring.kafka.consumer.group-id must name the consumer group");
		return new KafkaAdmin.NewTopics(properties.topics()
			.stream()
			.map((topic) -> TopicBuilder.name(DeadLetterTopics.of(topic, groupId))
				.partitions(properties.deadLetterPartitions())
				.replicas(properties.deadLetterReplicas())
				.build())
			.toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
	}

}
