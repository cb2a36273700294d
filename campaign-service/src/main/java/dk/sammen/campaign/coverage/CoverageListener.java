package dk.sammen.campaign.coverage;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.readmodel.SnapshotUpserts;
import dk.sammen.platform.consumer.CloudEventConsumerConfiguration;
import dk.sammen.platform.consumer.CloudEventPayloads;
import dk.sammen.platform.consumer.CloudEventRecord;
import dk.sammen.platform.consumer.ConsumerMetrics;
import dk.sammen.platform.consumer.PoisonMessageException;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code coverage-offers} from the events topic in a consumer group of its own
 * ({@code campaign-service-coverage}): in the service's group it would share the partitions with
 * the participation read model instead of seeing every record, and a group of its own can be reset
 * to rebuild this read model alone. Failures go to the service's dead-letter topic
 * {@code sammen.events.v1.campaign-service-dlt}, marked with this group in
 * {@code kafka_dlt-original-consumer-group}. Types this service does not know are skipped.
 */
@Component
@Import(CloudEventConsumerConfiguration.class)
class CoverageListener {

	/** The id of the listener container, e.g. to wait for its partitions. */
	static final String ID = "coverage";

	static final String GROUP = "${sammen.campaign.coverage.consumer-group:campaign-service-coverage}";

	private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

	private final OfferStore store;

	private final ConsumerMetrics metrics;

	private final CloudEventPayloads payloads;

	CoverageListener(OfferStore store, ConsumerMetrics metrics, JsonMapper json) {
		this.store = store;
		this.metrics = metrics;
		this.payloads = new CloudEventPayloads(json);
	}

	@KafkaListener(id = ID, idIsGroup = false, groupId = GROUP, topics = Topics.EVENTS,
			containerFactory = CloudEventConsumerConfiguration.CONTAINER_FACTORY)
	void on(ConsumerRecord<String, byte[]> record) {
		CloudEventRecord event = CloudEventRecord.of(record);
		EventSnapshotV1 snapshot = this.payloads.eventSnapshot(event);
		if (snapshot == null) {
			this.metrics.processed(record.topic(), event.type(), "ignored");
			return;
		}
		requireContract(event, snapshot);
		// blocking is right here: the listener thread waits for the store before the offset is committed
		SnapshotUpserts.Outcome outcome = this.store.apply(snapshot, event.id()).block(STORE_TIMEOUT);
		this.metrics.processed(record.topic(), event.type(),
				(outcome != null) ? outcome.tag() : SnapshotUpserts.Outcome.STALE.tag());
	}

	/** What the JSON Schema requires and the counts rely on; Jackson lets explicit nulls through. */
	private static void requireContract(CloudEventRecord event, EventSnapshotV1 snapshot) {
		boolean complete = snapshot.id() != null && snapshot.status() != null && snapshot.programme() != null
				&& snapshot.organisationId() != null && snapshot.startsAt() != null && snapshot.endsAt() != null
				&& snapshot.arenas() != null && snapshot.interventionTypes() != null
				&& snapshot.targetGroups() != null
				&& (snapshot.location() == null || (snapshot.location().kommuneCode() != null
						&& snapshot.location().regionCode() != null));
		if (!complete) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " of type " + event.type()
					+ " lacks fields its contract requires");
		}
		if (event.key() != null && !event.key().equals(snapshot.id())) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " is keyed " + event.key()
					+ " but carries event " + snapshot.id());
		}
	}

}
