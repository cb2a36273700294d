package dk.sammen.notification.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.notification.DeliveryRequestedV1;
import dk.sammen.platform.consumer.CloudEventConsumerConfiguration;
import dk.sammen.platform.consumer.CloudEventRecord;
import dk.sammen.platform.consumer.ConsumerMetrics;
import dk.sammen.platform.consumer.PoisonMessageException;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the delivery tasks; the offset is committed after the worker has closed or handed back
 * the delivery, so a crash redelivers the task to whichever replica gets the partition.
 */
@Component
@Import(CloudEventConsumerConfiguration.class)
class DeliveryListener {

	/** The id of the listener container, e.g. to wait for its partitions. */
	static final String ID = "deliveries";

	private final DeliveryWorker worker;

	private final ConsumerMetrics metrics;

	private final JsonMapper payloads;

	private final int concurrency;

	DeliveryListener(DeliveryWorker worker, ConsumerMetrics metrics, JsonMapper json, DeliveryProperties properties) {
		this.worker = worker;
		this.concurrency = properties.concurrency();
		this.metrics = metrics;
		this.payloads = json.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.build();
	}

	/** Read by the listener annotation: sending blocks on MongoDB and SMTP, so partitions are worked in parallel. */
	public int getConcurrency() {
		return this.concurrency;
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = Topics.NOTIFICATION_DELIVERIES,
			containerFactory = CloudEventConsumerConfiguration.CONTAINER_FACTORY, concurrency = "#{__listener.concurrency}")
	void on(ConsumerRecord<String, byte[]> record) {
		CloudEventRecord event = CloudEventRecord.of(record);
		if (!CloudEventTypes.DELIVERY_REQUESTED_V1.equals(event.type())) {
			this.metrics.processed(record.topic(), event.type(), "ignored");
			return;
		}
		DeliveryRequestedV1 task = this.payloads.readValue(event.data(), DeliveryRequestedV1.class);
		if (task == null || task.editionId() == null || task.subscriberId() == null || task.editionKind() == null) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " lacks fields its contract requires");
		}
		this.metrics.processed(record.topic(), event.type(), this.worker.deliver(task));
	}

}
