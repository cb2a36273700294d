package dk.sammen.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.Digests;
import dk.sammen.platform.consumer.CloudEventConsumerConfiguration;
import dk.sammen.platform.consumer.CloudEventPayloads;
import dk.sammen.platform.consumer.CloudEventRecord;
import dk.sammen.platform.consumer.ConsumerMetrics;
import dk.sammen.platform.consumer.PoisonMessageException;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Turns each change of a partner event into one delivery per matching endpoint of the event's own
 * organisation, in a consumer group of its own ({@code notification-service-webhooks}): it must
 * see every record, not share them with the newsletter read model, and can be reset alone. It only
 * stores the deliveries (idempotent: the delivery id derives from endpoint and {@code ce_id}) and
 * wakes the dispatcher; it never calls a receiver, so a slow one cannot hold the partition. An
 * endpoint receives changes that happened after it was registered. Poison goes to
 * {@code sammen.events.v1.notification-service-dlt}.
 */
final class WebhookListener {

	static final String ID = "webhooks";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	private final WebhookDispatcher dispatcher;

	private final ConsumerMetrics metrics;

	private final CloudEventPayloads payloads;

	private final Clock clock;

	WebhookListener(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDispatcher dispatcher,
			ConsumerMetrics metrics, JsonMapper json, Clock clock) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		this.metrics = metrics;
		this.payloads = new CloudEventPayloads(json);
		this.clock = clock;
	}

	@KafkaListener(id = ID, idIsGroup = false, groupId = "${sammen.notification.webhooks.consumer-group:notification-service-webhooks}",
			topics = Topics.EVENTS, containerFactory = CloudEventConsumerConfiguration.CONTAINER_FACTORY)
	void on(ConsumerRecord<String, byte[]> record) {
		CloudEventRecord event = CloudEventRecord.of(record);
		if (!WebhookTypes.ALL.contains(event.type())) {
			this.metrics.processed(record.topic(), event.type(), "ignored");
			return;
		}
		EventSnapshotV1 snapshot = this.payloads.eventSnapshot(event);
		if (snapshot == null || snapshot.id() == null || snapshot.organisationId() == null) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " of type " + event.type()
					+ " names no event or organisation");
		}
		Instant happenedAt = (event.time() != null) ? event.time()
				: (record.timestamp() > 0) ? Instant.ofEpochMilli(record.timestamp()) : this.clock.instant();
		Instant now = this.clock.instant();
		String data = new String(event.data(), StandardCharsets.UTF_8);
		// blocking is right here: the offset is committed only after the deliveries are stored
		List<Boolean> queued = this.endpoints.subscribers(snapshot.organisationId(), event.type(), happenedAt)
			.concatMap((endpoint) -> this.deliveries.queue(new WebhookDelivery(deliveryId(endpoint.id(), event.id()),
					endpoint.id(), endpoint.organisationId(), event.id(), event.type(), event.source(), event.time(),
					snapshot.id(), data, WebhookDelivery.PENDING, 0, now, null, null, List.of(), now, null, null)))
			.collectList()
			.block(WAIT);
		if (queued == null || queued.isEmpty()) {
			this.metrics.processed(record.topic(), event.type(), "no-endpoint");
			return;
		}
		this.metrics.processed(record.topic(), event.type(), queued.contains(true) ? "applied" : "duplicate");
		this.dispatcher.wakeUp();
	}

	/** Stable per endpoint and CloudEvent: what a receiver de-duplicates on. */
	static String deliveryId(String endpointId, String ceId) {
		return "dlv_" + Digests.sha256Hex(endpointId + "|" + ceId).substring(0, 32);
	}


}
