package dk.sammen.events.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import dk.sammen.platform.web.ETags;

/** An event as the API shows it: the partner's fields plus the server-owned ones, times in Danish time. */
record EventResponse(String id, @Nullable String externalId,
		String status, String organisationId, String organisationName, long version,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, @Nullable OffsetDateTime publishedAt,
		@Nullable String cancellationReason, String title, String description, String programme,
		@Nullable String campaign, OffsetDateTime startsAt, OffsetDateTime endsAt, EventDetails.@Nullable Place location, EventDetails.@Nullable Online online,
		List<String> arenas, List<String> interventionTypes, List<String> targetGroups, List<String> languages,
		@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
		List<String> accessibility, List<String> welcome, @Nullable String welcomeNote,
		@Nullable String transportNote) {

	static EventResponse of(PartnerEvent event) {
		EventDetails d = event.details();
		return new EventResponse(event.id(), event.externalId(),
				event.status(), event.organisationId(), event.organisationName(),
				event.version(), danish(event.createdAt()), danish(event.updatedAt()),
				(event.publishedAt() != null) ? danish(event.publishedAt()) : null, event.cancellationReason(),
				d.title(), d.description(), d.programme(), d.campaign(), danish(d.startsAt()), danish(d.endsAt()),
				d.location(),
				d.online(), d.arenas(), d.interventionTypes(), d.targetGroups(), d.languages(), d.priceDkk(),
				d.capacity(), d.registrationUrl(), d.accessibility(), d.welcome(), d.welcomeNote(), d.transportNote());
	}

	/** Times are shown in Danish local time with their offset. */
	private static OffsetDateTime danish(Instant instant) {
		return instant.atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toOffsetDateTime();
	}

	String etag() {
		return ETags.of(this.version);
	}

}
