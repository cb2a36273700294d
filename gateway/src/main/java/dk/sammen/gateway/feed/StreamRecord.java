package dk.sammen.gateway.feed;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import dk.sammen.contracts.event.EventSnapshotV1;

/**
 * One record of a topic the stream follows, as read: where it is, and the public change it
 * carries, if any. A record without a change (a type the stream does not show, or unreadable)
 * still moves a client's position past it.
 */
record StreamRecord(String topic, int partition, long offset, @Nullable Change change) implements ClientStream.Step {

	/**
	 * A public item published, updated or cancelled.
	 * <p>
	 * {@link #data()} is the item as the JSON feed shows it, written once here and shared by every
	 * client the change is sent to.
	 */
	sealed interface Change permits EventChange, ActivityChange {

		/** {@code published}, {@code updated} or {@code cancelled}: the SSE event name. */
		String type();

		String data();

		/** Whether the feed with these filters, asked now, would list the item. */
		boolean matches(StreamQuery query, Instant now);

	}

	/** A change of a partner event, from {@code sammen.events.v1}. */
	record EventChange(String type, EventSnapshotV1 event, String data) implements Change {

		@Override
		public boolean matches(StreamQuery query, Instant now) {
			return query.matches(this.event, now);
		}

	}

	/** A change of a campaign activity, from {@code sammen.campaign-activities.v1}. */
	record ActivityChange(String type, CampaignActivitySnapshotV1 activity, String data) implements Change {

		@Override
		public boolean matches(StreamQuery query, Instant now) {
			return query.matches(this.activity, now);
		}

	}

}
