package dk.sammen.notification.upcoming;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An event or campaign activity as the newsletters need it.
 *
 * @param id {@code event:<id>} or {@code activity:<id>}
 * @param kind {@code event} or {@code campaign-activity}
 * @param programme the event's programme; {@code vaer-en-som-raekker-ud} for campaign activities
 * @param campaign the campaign slug, if any
 * @param where venue and city, or null when online or nationwide
 * @param url where to read more or sign up, or null to use the public event page
 * @param ceId the CloudEvent that last changed it, to tell a redelivery from a stale snapshot
 * @param welcome how a newcomer is received (events only; CONTRACT section 9)
 */
@Document(UpcomingItem.COLLECTION)
public record UpcomingItem(@Id String id, String kind, String sourceId, long version, String status, String title,
		String programme, @Nullable String campaign, @Indexed Instant startsAt, @Nullable Instant endsAt,
		@Nullable String kommuneCode, @Nullable String regionCode, @Nullable String where, boolean online,
		@Nullable String url, String ceId, List<String> welcome) {

	/** Items stored before the welcome existed read as saying nothing about it. */
	public UpcomingItem {
		welcome = (welcome != null) ? welcome : List.of();
	}

	static final String COLLECTION = "upcoming";

	public static final String EVENT = "event";

	public static final String CAMPAIGN_ACTIVITY = "campaign-activity";

	public boolean isCancelled() {
		return "cancelled".equals(this.status);
	}

}
