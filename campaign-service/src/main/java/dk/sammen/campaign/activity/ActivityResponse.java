package dk.sammen.campaign.activity;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;

/**
 * An activity as the API shows it, times in Danish time. {@code kommune} ({@code {code, name}}) and
 * {@code kommuneCode} are null and {@code nationwide} true for an activity not tied to one kommune.
 */
record ActivityResponse(String id, String campaign, String status, long version, String kind, String title,
		String description, OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt, @Nullable KommuneRef kommune,
		@Nullable String kommuneCode, @Nullable String regionCode, boolean nationwide, String url,
		@Nullable String cancellationReason,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, @Nullable OffsetDateTime publishedAt) {

	record KommuneRef(String code, String name) {
	}

	static ActivityResponse of(CampaignActivity activity, Kommuner kommuner) {
		ActivityDetails d = activity.details();
		KommuneRef kommune = (d.kommuneCode() != null)
				? kommuner.byCode(d.kommuneCode()).map((k) -> new KommuneRef(k.code(), k.name())).orElse(null) : null;
		return new ActivityResponse(activity.id(), activity.campaign(), activity.status(), activity.version(), d.kind(),
				d.title(), d.description(), danish(d.startsAt()), (d.endsAt() != null) ? danish(d.endsAt()) : null,
				kommune, d.kommuneCode(), d.regionCode(), d.kommuneCode() == null, d.url(), activity.cancellationReason(),
				danish(activity.createdAt()), danish(activity.updatedAt()),
				(activity.publishedAt() != null) ? danish(activity.publishedAt()) : null);
	}

	private static OffsetDateTime danish(Instant instant) {
		return instant.atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toOffsetDateTime();
	}

}
