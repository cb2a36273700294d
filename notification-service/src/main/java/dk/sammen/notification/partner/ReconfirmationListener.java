package dk.sammen.notification.partner;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.partner.ReconfirmationRequestedV1;
import dk.sammen.platform.consumer.CloudEventConsumerConfiguration;
import dk.sammen.platform.consumer.CloudEventPayloads;
import dk.sammen.platform.consumer.CloudEventRecord;
import dk.sammen.platform.consumer.ConsumerMetrics;
import dk.sammen.platform.consumer.PoisonMessageException;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Records the notices events-service asks partners to be sent ({@code sammen.partner-notices.v1});
 * {@link PartnerNotices} mails them. A payload that breaks its contract goes to the topic's
 * dead-letter topic; unknown types are skipped.
 */
@Component
@Import(CloudEventConsumerConfiguration.class)
class ReconfirmationListener {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final PartnerNotices notices;

	private final ConsumerMetrics metrics;

	private final CloudEventPayloads payloads;

	ReconfirmationListener(PartnerNotices notices, ConsumerMetrics metrics, JsonMapper json) {
		this.notices = notices;
		this.metrics = metrics;
		this.payloads = new CloudEventPayloads(json);
	}

	@KafkaListener(id = "partner-notices", idIsGroup = false, topics = Topics.PARTNER_NOTICES,
			containerFactory = CloudEventConsumerConfiguration.CONTAINER_FACTORY)
	void on(ConsumerRecord<String, byte[]> record) {
		CloudEventRecord event = CloudEventRecord.of(record);
		if (!CloudEventTypes.RECONFIRMATION_REQUESTED_V1.equals(event.type())) {
			this.metrics.processed(record.topic(), event.type(), "ignored");
			return;
		}
		ReconfirmationRequestedV1 request = this.payloads.read(event, ReconfirmationRequestedV1.class);
		if (request.eventId() == null || request.organisationId() == null || request.title() == null
				|| request.confirmedAt() == null || request.staleAt() == null || request.hiddenAt() == null) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " lacks fields its contract requires");
		}
		PartnerNotice notice = new PartnerNotice(PartnerNotice.idOf(request.eventId(), request.staleAt()),
				request.organisationId(), request.eventId(), request.title(), request.confirmedAt(), request.staleAt(),
				request.hiddenAt(), PartnerNotice.PENDING, 0, request.requestedAt(), null, null, null);
		// blocking is right here: the listener thread waits for the store before the offset is committed
		Boolean recorded = this.notices.record(notice).block(WAIT);
		this.metrics.processed(record.topic(), event.type(), Boolean.TRUE.equals(recorded) ? "applied" : "duplicate");
		if (Boolean.TRUE.equals(recorded)) {
			this.notices.wakeUp();
		}
	}

}
