package dk.sammen.gateway.feed;

import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.contracts.event.EventUpdatedV1;
import org.springframework.kafka.listener.MessageListener;

/**
 * Turns the public changes on {@code sammen.events.v1} into a hot stream every SSE client of this
 * replica shares. A client that cannot keep up loses changes rather than holding up the Kafka
 * consumer or the other clients.
 */
final class EventStream implements MessageListener<String, @Nullable CloudEvent> {

	private static final Log logger = LogFactory.getLog(EventStream.class);

	private final Sinks.Many<Change> sink = Sinks.many().multicast().directBestEffort();

	private final JsonMapper jsonMapper;

	EventStream(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	Flux<Change> changes() {
		return this.sink.asFlux();
	}

	@Override
	public void onMessage(ConsumerRecord<String, @Nullable CloudEvent> record) {
		CloudEvent event = record.value();
		if (event == null) {
			return;
		}
		EventSnapshotV1 snapshot = switch (event.getType()) {
			case CloudEventTypes.EVENT_PUBLISHED_V1 -> read(event, EventPublishedV1.class).event();
			case CloudEventTypes.EVENT_UPDATED_V1 -> read(event, EventUpdatedV1.class).event();
			case CloudEventTypes.EVENT_CANCELLED_V1 -> read(event, EventCancelledV1.class).event();
			default -> null;
		};
		if (snapshot == null) {
			logger.debug("Skipping CloudEvent " + event.getId() + " of type " + event.getType());
			return;
		}
		// only this consumer thread emits, so emissions never race; no subscriber is not a failure
		this.sink.tryEmitNext(new Change(event.getId(), change(event.getType()), snapshot));
	}

	private <T> T read(CloudEvent event, Class<T> type) {
		CloudEventData data = event.getData();
		if (data == null) {
			throw new IllegalArgumentException("CloudEvent " + event.getId() + " has no data");
		}
		return this.jsonMapper.readValue(data.toBytes(), type);
	}

	private static String change(String type) {
		return switch (type) {
			case CloudEventTypes.EVENT_PUBLISHED_V1 -> "published";
			case CloudEventTypes.EVENT_CANCELLED_V1 -> "cancelled";
			default -> "updated";
		};
	}

	/** The event as a feed item, the same as the listing would give it. */
	static FeedItem item(EventSnapshotV1 event) {
		EventSnapshotV1.LocationV1 location = event.location();
		FeedItem.Place place = (location != null) ? new FeedItem.Place(location.venue(), location.street(),
				location.postalCode(), location.city(), location.lat(), location.lon()) : null;
		return new FeedItem(FeedItem.Kind.EVENT, event.id(), event.title(), event.description(),
				event.startsAt().atOffset(ZoneOffset.UTC), event.endsAt().atOffset(ZoneOffset.UTC), event.status(),
				event.programme(), (location != null) ? location.kommuneCode() : null, place,
				(event.online() != null) ? event.online().url() : null, event.organisationName(), event.priceDkk(),
				event.registrationUrl(), event.version(), event.updatedAt());
	}

	/**
	 * One change of a public event.
	 *
	 * @param id the CloudEvent id, unique per change
	 * @param type {@code published}, {@code updated} or {@code cancelled}
	 */
	record Change(String id, String type, EventSnapshotV1 event) {
	}

}
