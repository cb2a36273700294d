package dk.sammen.platform.consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
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

/**
 * Reads the data of consumed CloudEvents as their contract records: tolerant of optional fields a
 * newer producer adds (v1 payloads may grow), strict about the ones the contract requires, so a
 * payload that cannot be read is poison for the dead-letter topic rather than a half-filled record.
 */
public final class CloudEventPayloads {

	private final JsonMapper payloads;

	public CloudEventPayloads(JsonMapper json) {
		this.payloads = json.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();
	}

	/**
	 * The event's data as {@code type}.
	 * @throws PoisonMessageException if the data is {@code null}
	 */
	public <T> T read(CloudEventRecord event, Class<T> type) {
		T payload = this.payloads.readValue(event.data(), type);
		if (payload == null) {
			throw new PoisonMessageException("CloudEvent " + event.id() + " carries null data");
		}
		return payload;
	}

	/** The partner event a {@code dk.sammen.event.*.v1} CloudEvent carries, or null for any other type. */
	public @Nullable EventSnapshotV1 eventSnapshot(CloudEventRecord event) {
		return switch (event.type()) {
			case CloudEventTypes.EVENT_PUBLISHED_V1 -> read(event, EventPublishedV1.class).event();
			case CloudEventTypes.EVENT_UPDATED_V1 -> read(event, EventUpdatedV1.class).event();
			case CloudEventTypes.EVENT_CANCELLED_V1 -> read(event, EventCancelledV1.class).event();
			default -> null;
		};
	}

	/** The activity a {@code dk.sammen.campaign.activity.*.v1} CloudEvent carries, or null for any other type. */
	public @Nullable CampaignActivitySnapshotV1 activitySnapshot(CloudEventRecord event) {
		return switch (event.type()) {
			case CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1 -> read(event, CampaignActivityPublishedV1.class).activity();
			case CloudEventTypes.CAMPAIGN_ACTIVITY_UPDATED_V1 -> read(event, CampaignActivityUpdatedV1.class).activity();
			case CloudEventTypes.CAMPAIGN_ACTIVITY_CANCELLED_V1 -> read(event, CampaignActivityCancelledV1.class).activity();
			default -> null;
		};
	}

}
