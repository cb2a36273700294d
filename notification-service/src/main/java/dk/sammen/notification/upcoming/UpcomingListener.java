package dk.sammen.notification.upcoming;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.notification.edition.Editions;
import dk.sammen.platform.consumer.CloudEventConsumerConfiguration;
import dk.sammen.platform.consumer.CloudEventPayloads;
import dk.sammen.platform.consumer.CloudEventRecord;
import dk.sammen.platform.consumer.ConsumerMetrics;
import dk.sammen.platform.consumer.PoisonMessageException;
import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.programme.Programmes;
import dk.sammen.platform.readmodel.SnapshotUpserts;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the read model from the events and campaign-activities topics (consumer group
 * {@code notification-service}). A payload that breaks its contract goes to the dead-letter topic;
 * unknown types are skipped. A published event that has not started yet also gets its instant
 * notice edition — created after the read model has it, and again on a redelivery, which the
 * edition id turns into nothing.
 */
@Component
@Import(CloudEventConsumerConfiguration.class)
class UpcomingListener {

	static final String EVENTS_ID = "upcoming-events";

	static final String ACTIVITIES_ID = "upcoming-activities";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final UpcomingItems items;

	private final Editions editions;

	private final Kommuner geography;

	private final ConsumerMetrics metrics;

	private final Clock clock;

	private final CloudEventPayloads payloads;

	UpcomingListener(UpcomingItems items, Editions editions, Kommuner geography, ConsumerMetrics metrics, Clock clock,
			JsonMapper json) {
		this.items = items;
		this.editions = editions;
		this.geography = geography;
		this.metrics = metrics;
		this.clock = clock;
		this.payloads = new CloudEventPayloads(json);
	}

	@KafkaListener(id = EVENTS_ID, idIsGroup = false, topics = Topics.EVENTS,
			containerFactory = CloudEventConsumerConfiguration.CONTAINER_FACTORY)
	void onEvent(ConsumerRecord<String, byte[]> record) {
		CloudEventRecord event = CloudEventRecord.of(record);
		EventSnapshotV1 snapshot = this.payloads.eventSnapshot(event);
		if (snapshot == null) {
			this.metrics.processed(record.topic(), event.type(), "ignored");
			return;
		}
		require(event, snapshot.id() != null && snapshot.status() != null && snapshot.programme() != null
				&& snapshot.title() != null && snapshot.startsAt() != null, snapshot.id());
		UpcomingItem item = itemOf(snapshot, event.id());
		SnapshotUpserts.Outcome outcome = this.items.apply(item).block(WAIT);
		if (CloudEventTypes.EVENT_PUBLISHED_V1.equals(event.type()) && snapshot.startsAt().isAfter(this.clock.instant())) {
			this.editions.instantNotice(snapshot.id(), snapshot.programme(), item.kommuneCode(), item.regionCode())
				.block(WAIT);
		}
		this.metrics.processed(record.topic(), event.type(), (outcome != null) ? outcome.tag() : "stale");
	}

	@KafkaListener(id = ACTIVITIES_ID, idIsGroup = false, topics = Topics.CAMPAIGN_ACTIVITIES,
			containerFactory = CloudEventConsumerConfiguration.CONTAINER_FACTORY)
	void onActivity(ConsumerRecord<String, byte[]> record) {
		CloudEventRecord event = CloudEventRecord.of(record);
		CampaignActivitySnapshotV1 snapshot = this.payloads.activitySnapshot(event);
		if (snapshot == null) {
			this.metrics.processed(record.topic(), event.type(), "ignored");
			return;
		}
		require(event, snapshot.id() != null && snapshot.status() != null && snapshot.campaign() != null
				&& snapshot.title() != null && snapshot.startsAt() != null, snapshot.id());
		String where = (snapshot.kommuneCode() != null)
				? this.geography.byCode(snapshot.kommuneCode()).map(Kommune::name).orElse(null) : null;
		UpcomingItem item = new UpcomingItem("activity:" + snapshot.id(), UpcomingItem.CAMPAIGN_ACTIVITY,
				snapshot.id(), snapshot.version(), snapshot.status(), snapshot.title(),
				Programmes.VAER_EN_SOM_RAEKKER_UD, snapshot.campaign(), snapshot.startsAt(), snapshot.endsAt(),
				snapshot.kommuneCode(), snapshot.regionCode(), where, false, snapshot.url(), event.id(), List.of());
		SnapshotUpserts.Outcome outcome = this.items.apply(item).block(WAIT);
		this.metrics.processed(record.topic(), event.type(), (outcome != null) ? outcome.tag() : "stale");
	}

	private UpcomingItem itemOf(EventSnapshotV1 snapshot, String ceId) {
		EventSnapshotV1.LocationV1 location = snapshot.location();
		String where = (location != null) ? String.join(", ", location.venue(), location.city()) : null;
		String url = (snapshot.registrationUrl() != null) ? snapshot.registrationUrl()
				: (snapshot.online() != null) ? snapshot.online().url() : null;
		return new UpcomingItem("event:" + snapshot.id(), UpcomingItem.EVENT, snapshot.id(), snapshot.version(),
				snapshot.status(), snapshot.title(), snapshot.programme(), snapshot.campaign(), snapshot.startsAt(),
				snapshot.endsAt(), (location != null) ? location.kommuneCode() : null,
				(location != null) ? location.regionCode() : null, where, snapshot.online() != null, url, ceId,
				snapshot.welcome(), series(snapshot.schedule()), snapshot.visibleUntil());
	}

	private static UpcomingItem.@Nullable Series series(EventSnapshotV1.@Nullable ScheduleV1 schedule) {
		if (schedule == null) {
			return null;
		}
		List<LocalDate> skipped = new ArrayList<>(schedule.exdates());
		schedule.cancelled().forEach((occurrence) -> skipped.add(occurrence.date()));
		return new UpcomingItem.Series(schedule.rrule(), skipped, schedule.seriesEndsAt());
	}

	private static void require(CloudEventRecord event, boolean complete, @Nullable String id) {
		if (!complete) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " of type " + event.type()
					+ " lacks fields its contract requires");
		}
		if (event.key() != null && id != null && !event.key().equals(id)) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " is keyed " + event.key()
					+ " but carries " + id);
		}
	}

}
