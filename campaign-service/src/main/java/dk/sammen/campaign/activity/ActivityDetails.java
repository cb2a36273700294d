package dk.sammen.campaign.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What an editor sets on an activity, validated.
 *
 * @param kommuneCode where it happens, or null when it is nationwide (a radio segment, a media piece)
 * @param regionCode the region of {@code kommuneCode}, derived, null when nationwide
 */
record ActivityDetails(String kind, String title, String description, Instant startsAt, @Nullable Instant endsAt,
		@Nullable String kommuneCode, @Nullable String regionCode, String url) {

	/** When it is over: its end, or its start for an activity without one. */
	Instant over() {
		return (this.endsAt != null) ? this.endsAt : this.startsAt;
	}

}
