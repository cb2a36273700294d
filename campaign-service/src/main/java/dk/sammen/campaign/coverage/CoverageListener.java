package dk.sammen.campaign.coverage;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.contracts.event.EventUpdatedV1;
import dk.sammen.platform.readmodel.SnapshotUpserts;
import dk.sammen.platform.consumer.CloudEventConsumerConfiguration;
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

	private final JsonMapper payloads;

	CoverageListener(OfferStore store, ConsumerMetrics metrics, JsonMapper json) {
		this.store = store;
		this.metrics = metrics;
		// a tolerant reader of new optional fields, strict about the ones the contract requires
		this.payloads = json.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();
	}

	@KafkaListener(id = ID, idIsGroup = false, groupId = GROUP, topics = Topics.EVENTS,
			containerFactory = CloudEventConsumerConfiguration.CONTAINER_FACTORY)
	void on(ConsumerRecord<String, byte[]> record) {
		CloudEventRecord event = CloudEventRecord.of(record);
		EventSnapshotV1 snapshot = switch (event.type()) {
			case CloudEventTypes.EVENT_PUBLISHED_V1 -> read(event, EventPublishedV1.class).event();
			case CloudEventTypes.EVENT_UPDATED_V1 -> read(event, EventUpdatedV1.class).event();
			case CloudEventTypes.EVENT_CANCELLED_V1 -> read(event, EventCancelledV1.class).event();
			default -> null;
		};
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

	private <T> T read(CloudEventRecord event, Class<T> type) {
		T payload = this.payloads.readValue(event.data(), type);
		if (payload == null) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " carries null data");
		}
		return payload;
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
