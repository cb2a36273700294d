package dk.sammen.gateway.apikey;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Keeps the gateway out of the load balancer until its {@link ApiKeyDirectory} has read the key
 * topic up to where it ended at start; before that, valid keys would be refused with 401.
 * Once caught up it stays up: later lag is ordinary operation, and taking every replica out of
 * service because Kafka is slow would turn a delay in new keys into a full outage.
 * <p>
 * The end offsets are taken when the partitions are assigned. Progress is checked when the
 * container reports itself idle, on the consumer thread: every record fetched by then has been
 * applied, and the position also steps over compaction gaps and control records.
 */
final class ApiKeyDirectoryReadiness
		implements ConsumerAwareRebalanceListener, ApplicationListener<ListenerContainerIdleEvent>, HealthIndicator {

	private static final Log logger = LogFactory.getLog(ApiKeyDirectoryReadiness.class);

	private final ApiKeyDirectory directory;

	private final String containerId;

	private final Map<TopicPartition, Long> endOffsetsAtStart = new ConcurrentHashMap<>();

	private volatile boolean caughtUp;

	ApiKeyDirectoryReadiness(ApiKeyDirectory directory, String containerId) {
		this.directory = directory;
		this.containerId = containerId;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (!this.caughtUp) {
			this.endOffsetsAtStart.putAll(consumer.endOffsets(partitions));
		}
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		partitions.forEach(this.endOffsetsAtStart::remove);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		partitions.forEach(this.endOffsetsAtStart::remove);
	}

	@Override
	public void onApplicationEvent(ListenerContainerIdleEvent event) {
		if (this.caughtUp || !this.containerId.equals(event.getListenerId()) || this.endOffsetsAtStart.isEmpty()) {
			return;
		}
		Consumer<?, ?> consumer = event.getConsumer();
		if (this.endOffsetsAtStart.entrySet()
			.stream()
			.allMatch((end) -> consumer.position(end.getKey()) >= end.getValue())) {
			this.caughtUp = true;
			this.endOffsetsAtStart.clear();
			logger.info("API key directory caught up with " + this.directory.size() + " keys");
		}
	}

	@Override
	public Health health() {
		if (this.caughtUp) {
			return Health.up().withDetail("keys", this.directory.size()).build();
		}
		return Health.outOfService().withDetail("reason", "reading the API key topic").build();
	}

}
