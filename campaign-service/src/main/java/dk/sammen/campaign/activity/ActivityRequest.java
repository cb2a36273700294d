package dk.sammen.campaign.activity;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/** An activity as an editor sends it; {@code kommuneCode} null (or left out) means nationwide. */
record ActivityRequest(@Nullable String kind, @Nullable String title, @Nullable String description,
		@Nullable OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt, @Nullable String kommuneCode,
		@Nullable String url) {
}
