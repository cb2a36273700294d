package dk.sammen.notification.partner;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.organisation.OrganisationRegisteredV1;
import dk.sammen.contracts.organisation.OrganisationSnapshotV1;
import dk.sammen.contracts.organisation.OrganisationUpdatedV1;
import dk.sammen.platform.consumer.CloudEventConsumerConfiguration;
import dk.sammen.platform.consumer.CloudEventPayloads;
import dk.sammen.platform.consumer.CloudEventRecord;
import dk.sammen.platform.consumer.ConsumerMetrics;
import dk.sammen.platform.consumer.PoisonMessageException;
import dk.sammen.platform.readmodel.SnapshotUpserts;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link PartnerContacts} from the compacted organisations topic (the service's consumer
 * group, from the beginning). A payload that breaks its contract goes to
 * {@code sammen.organisations.v1.notification-service-dlt}; unknown types are skipped.
 */
@Component
@Import(CloudEventConsumerConfiguration.class)
class PartnerContactListener {

	static final String ID = "partner-contacts";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final PartnerContacts contacts;

	private final ConsumerMetrics metrics;

	private final CloudEventPayloads payloads;

	PartnerContactListener(PartnerContacts contacts, ConsumerMetrics metrics, JsonMapper json) {
		this.contacts = contacts;
		this.metrics = metrics;
		this.payloads = new CloudEventPayloads(json);
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = Topics.ORGANISATIONS,
			containerFactory = CloudEventConsumerConfiguration.CONTAINER_FACTORY)
	void on(ConsumerRecord<String, byte[]> record) {
		CloudEventRecord event = CloudEventRecord.of(record);
		OrganisationSnapshotV1 snapshot = switch (event.type()) {
			case CloudEventTypes.ORGANISATION_REGISTERED_V1 ->
				this.payloads.read(event, OrganisationRegisteredV1.class).organisation();
			case CloudEventTypes.ORGANISATION_UPDATED_V1 ->
				this.payloads.read(event, OrganisationUpdatedV1.class).organisation();
			default -> null;
		};
		if (snapshot == null) {
			this.metrics.processed(record.topic(), event.type(), "ignored");
			return;
		}
		boolean complete = snapshot.id() != null && snapshot.name() != null && snapshot.kind() != null
				&& snapshot.contactEmail() != null && snapshot.updatedAt() != null;
		if (!complete || (event.key() != null && !event.key().equals(snapshot.id()))) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " of type " + event.type()
					+ " lacks fields its contract requires or is keyed " + event.key() + " but carries " + snapshot.id());
		}
		PartnerContact contact = new PartnerContact(snapshot.id(), snapshot.name(), snapshot.kind(),
				snapshot.contactEmail(), snapshot.version(), event.id(), snapshot.updatedAt());
		// blocking is right here: the listener thread waits for the store before the offset is committed
		SnapshotUpserts.Outcome outcome = this.contacts.apply(contact).block(WAIT);
		this.metrics.processed(record.topic(), event.type(),
				(outcome != null) ? outcome.tag() : SnapshotUpserts.Outcome.STALE.tag());
	}

}
