package dk.sammen.campaign.participation;

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
 * Keeps the participation read model from the events topic (consumer group
 * {@code spring.kafka.consumer.group-id}, i.e. {@code campaign-service}). A payload that does not
 * match its type's contract is poison and goes to the dead-letter topic; types this service does
 * not know are skipped, so events-service may add new ones.
 */
@Component
@Import(CloudEventConsumerConfiguration.class)
class EventsListener {

	/** The id of the listener container, e.g. to wait for its partitions. */
	static final String ID = "participation";

	private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

	private final ParticipationStore store;

	private final ConsumerMetrics metrics;

	private final CloudEventPayloads payloads;

	EventsListener(ParticipationStore store, ConsumerMetrics metrics, JsonMapper json) {
		this.store = store;
		this.metrics = metrics;
		this.payloads = new CloudEventPayloads(json);
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = Topics.EVENTS,
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

	/** What the JSON Schema requires and the read model relies on; Jackson lets explicit nulls through. */
	private static void requireContract(CloudEventRecord event, EventSnapshotV1 snapshot) {
		boolean complete = snapshot.id() != null && snapshot.status() != null
				&& snapshot.programme() != null && snapshot.organisationId() != null && snapshot.startsAt() != null
				&& snapshot.endsAt() != null
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
