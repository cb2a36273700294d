package dk.sammen.notification.upcoming;

import java.time.Instant;
import java.time.LocalDate;
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
 * @param series how a recurring offer repeats from {@code startsAt}, or null when it happens once
 * @param visibleUntil when the offer leaves public listings unless re-confirmed, or null
 */
@Document(UpcomingItem.COLLECTION)
public record UpcomingItem(@Id String id, String kind, String sourceId, long version, String status, String title,
		String programme, @Nullable String campaign, @Indexed Instant startsAt, @Nullable Instant endsAt,
		@Nullable String kommuneCode, @Nullable String regionCode, @Nullable String where, boolean online,
		@Nullable String url, String ceId, List<String> welcome, @Nullable Series series,
		@Nullable Instant visibleUntil) {

	/** Items stored before the welcome existed read as saying nothing about it. */
	public UpcomingItem {
		welcome = (welcome != null) ? welcome : List.of();
	}

	/** An item that happens once and does not age, as activities and older snapshots are. */
	public UpcomingItem(String id, String kind, String sourceId, long version, String status, String title,
			String programme, @Nullable String campaign, Instant startsAt, @Nullable Instant endsAt,
			@Nullable String kommuneCode, @Nullable String regionCode, @Nullable String where, boolean online,
			@Nullable String url, String ceId, List<String> welcome) {
		this(id, kind, sourceId, version, status, title, programme, campaign, startsAt, endsAt, kommuneCode,
				regionCode, where, online, url, ceId, welcome, null, null);
	}

	/**
	 * A recurring offer's rule ({@link dk.sammen.platform.schedule.Recurrence}), the Danish dates it
	 * skips or has called off, and when its last occurrence ends (null: no end).
	 */
	public record Series(String rrule, List<LocalDate> skipped, @Nullable Instant endsAt) {

		public Series {
			skipped = List.copyOf(skipped);
		}

	}

	/** The same item at one occurrence of its series. */
	UpcomingItem at(Instant occurrenceStart) {
		Instant occurrenceEnd = (this.endsAt != null)
				? occurrenceStart.plus(java.time.Duration.between(this.startsAt, this.endsAt)) : null;
		return new UpcomingItem(this.id, this.kind, this.sourceId, this.version, this.status, this.title,
				this.programme, this.campaign, occurrenceStart, occurrenceEnd, this.kommuneCode, this.regionCode,
				this.where, this.online, this.url, this.ceId, this.welcome, this.series, this.visibleUntil);
	}

	static final String COLLECTION = "upcoming";

	public static final String EVENT = "event";

	public static final String CAMPAIGN_ACTIVITY = "campaign-activity";

	public boolean isCancelled() {
		return "cancelled".equals(this.status);
	}

}
