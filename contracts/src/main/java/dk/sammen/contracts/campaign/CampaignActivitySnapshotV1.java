package dk.sammen.contracts.campaign;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The whole public state of a campaign activity after a change (event-carried state transfer).
 *
 * @param campaign the slug of the campaign the activity belongs to
 * @param kind {@code talk}, {@code radio-segment}, {@code school-activity}, {@code workplace-activity},
 * {@code media-piece} or {@code ambassador-story}
 * @param kommuneCode the kommune it happens in, or null when it is nationwide
 * @param regionCode the region of that kommune, or null when it is nationwide
 */
public record CampaignActivitySnapshotV1(String id, String campaign, String status, long version, String kind,
		String title, String description, Instant startsAt, @Nullable Instant endsAt, @Nullable String kommuneCode,
		@Nullable String regionCode, String url, Instant createdAt, Instant updatedAt) {
}
