package dk.sammen.gateway.feed;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.campaign.CampaignActivityCancelledV1;
import dk.sammen.contracts.campaign.CampaignActivityPublishedV1;
import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import dk.sammen.contracts.campaign.CampaignActivityUpdatedV1;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.contracts.event.EventUpdatedV1;
import dk.sammen.gateway.feed.StreamRecord.ActivityChange;
import dk.sammen.gateway.feed.StreamRecord.Change;
import dk.sammen.gateway.feed.StreamRecord.EventChange;
import dk.sammen.platform.consumer.CloudEventRecord;

/**
 * Reads the CloudEvents on the stream's topics (binary mode, as the platform's consumers read
 * them) into changes with the item as the JSON feed shows it. A record it cannot read is logged
 * and passed on without a change: the stream only shows, so there is nothing to retry or
 * dead-letter, and a client's position still moves past it.
 */
final class ChangeDecoder {

	private static final Log logger = LogFactory.getLog(ChangeDecoder.class);

	private final JsonFeedWriter json;

	private final JsonMapper jsonMapper;

	ChangeDecoder(JsonFeedWriter json, JsonMapper jsonMapper) {
		this.json = json;
		this.jsonMapper = jsonMapper;
	}

	StreamRecord decode(ConsumerRecord<String, byte @Nullable []> record) {
		Change change = null;
		try {
			change = change(CloudEventRecord.of(record));
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping unreadable record " + record.topic() + "-" + record.partition() + "@"
					+ record.offset() + ": " + ex);
		}
		return new StreamRecord(record.topic(), record.partition(), record.offset(), change);
	}

	private @Nullable Change change(CloudEventRecord event) {
		return switch (event.type()) {
			case CloudEventTypes.EVENT_PUBLISHED_V1 ->
				event("published", read(event, EventPublishedV1.class).event());
			case CloudEventTypes.EVENT_UPDATED_V1 -> event("updated", read(event, EventUpdatedV1.class).event());
			case CloudEventTypes.EVENT_CANCELLED_V1 ->
				event("cancelled", read(event, EventCancelledV1.class).event());
			case CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1 ->
				activity("published", read(event, CampaignActivityPublishedV1.class).activity());
			case CloudEventTypes.CAMPAIGN_ACTIVITY_UPDATED_V1 ->
				activity("updated", read(event, CampaignActivityUpdatedV1.class).activity());
			case CloudEventTypes.CAMPAIGN_ACTIVITY_CANCELLED_V1 ->
				activity("cancelled", read(event, CampaignActivityCancelledV1.class).activity());
			default -> {
				// a newer publisher's type must never stop an older gateway
				logger.debug("Skipping CloudEvent " + event.id() + " of type " + event.type());
				yield null;
			}
		};
	}

	private EventChange event(String type, EventSnapshotV1 event) {
		return new EventChange(type, event, data(EventsSource.item(event)));
	}

	private ActivityChange activity(String type, CampaignActivitySnapshotV1 activity) {
		return new ActivityChange(type, activity, data(CampaignActivitiesSource.item(activity)));
	}

	private String data(FeedItem item) {
		return this.jsonMapper.writeValueAsString(this.json.item(item));
	}

	private <T> T read(CloudEventRecord event, Class<T> type) {
		T payload = this.jsonMapper.readValue(event.data(), type);
		if (payload == null) {
			throw new IllegalArgumentException("CloudEvent " + event.id() + " has a null payload");
		}
		return payload;
	}

}
