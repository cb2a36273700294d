package dk.sammen.notification.edition;

import java.time.Clock;
import java.time.Instant;

import io.cloudevents.CloudEvent;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.notification.DeliveryRequestedV1;
import dk.sammen.platform.outbox.CloudEvents;
import dk.sammen.platform.outbox.OutboxMessage;
import dk.sammen.platform.outbox.OutboxProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Queues delivery tasks on the deliveries topic, keyed by subscriber, acknowledged by every in-sync replica. */
@Component
public class DeliveryTasks {

	private final KafkaTemplate<String, CloudEvent> kafka;

	private final OutboxProperties outbox;

	private final JsonMapper json;

	private final Clock clock;

	/** KafkaProducer.send may block while it fetches metadata: never on the event loop. */
	private final Scheduler sending = Schedulers.boundedElastic();

	DeliveryTasks(@Qualifier("cloudEventKafkaTemplate") KafkaTemplate<String, CloudEvent> kafka,
			OutboxProperties outbox, JsonMapper json, Clock clock) {
		this.kafka = kafka;
		this.outbox = outbox;
		this.json = json;
		this.clock = clock;
	}

	/** Completes once the broker has the task. */
	public Mono<Void> queue(String editionId, String editionKind, String subscriberId) {
		Instant now = this.clock.instant();
		DeliveryRequestedV1 task = new DeliveryRequestedV1(editionId, editionKind, subscriberId, now);
		OutboxMessage message = OutboxMessage.of(Topics.NOTIFICATION_DELIVERIES, subscriberId,
				CloudEventTypes.DELIVERY_REQUESTED_V1, now, task, this.json);
		return Mono.defer(() -> Mono.fromFuture(this.kafka.send(CloudEvents.record(message, this.outbox.source()))))
			.subscribeOn(this.sending)
			.then();
	}

}
