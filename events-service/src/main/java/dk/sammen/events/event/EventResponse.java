package dk.sammen.events.event;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import dk.sammen.platform.schedule.Recurrence;
import dk.sammen.platform.web.ETags;

/**
 * An event as the API shows it: the partner's fields plus the server-owned ones, times in Danish
 * time. In the public listing a recurring offer appears once per occurrence: {@code startsAt} and
 * {@code endsAt} are that occurrence's, and a single occurrence called off shows as cancelled with
 * its reason; {@code schedule} describes the whole series.
 */
record EventResponse(String id, @Nullable String externalId, String status, String organisationId,
		String organisationName, long version,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, @Nullable OffsetDateTime publishedAt,
		@Nullable String cancellationReason, String title, String description, String programme,
		@Nullable String campaign, OffsetDateTime startsAt, OffsetDateTime endsAt, EventDetails.@Nullable Place location, EventDetails.@Nullable Online online,
		List<String> arenas, List<String> interventionTypes, List<String> targetGroups, List<String> languages,
		@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
		List<String> accessibility, List<String> welcome, @Nullable String welcomeNote,
		@Nullable String transportNote, @Nullable ScheduleView schedule, @Nullable FreshnessView freshness) {

	static EventResponse of(PartnerEvent event) {
		EventDetails d = event.details();
		return of(event, d.startsAt(), event.status(), event.cancellationReason());
	}

	/** One occurrence of a recurring offer, starting at {@code startsAt}. */
	static EventResponse occurrence(PartnerEvent event, Instant startsAt) {
		EventDetails.Schedule schedule = event.details().schedule();
		LocalDate date = startsAt.atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toLocalDate();
		EventDetails.CancelledOccurrence cancelled = (schedule != null) ? schedule.cancellation(date).orElse(null)
				: null;
		return (cancelled != null && Vocabulary.PUBLISHED.equals(event.status()))
				? of(event, startsAt, Vocabulary.CANCELLED, cancelled.reason())
				: of(event, startsAt, event.status(), event.cancellationReason());
	}

	private static EventResponse of(PartnerEvent event, Instant startsAt, String status,
			@Nullable String cancellationReason) {
		EventDetails d = event.details();
		Instant endsAt = startsAt.plus(Duration.between(d.startsAt(), d.endsAt()));
		return new EventResponse(event.id(), event.externalId(), status, event.organisationId(), event.organisationName(),
				event.version(), danish(event.createdAt()), danish(event.updatedAt()),
				(event.publishedAt() != null) ? danish(event.publishedAt()) : null, cancellationReason, d.title(),
				d.description(), d.programme(), d.campaign(), danish(startsAt), danish(endsAt), d.location(),
				d.online(), d.arenas(), d.interventionTypes(), d.targetGroups(), d.languages(), d.priceDkk(),
				d.capacity(), d.registrationUrl(), d.accessibility(), d.welcome(), d.welcomeNote(), d.transportNote(),
				(d.schedule() != null) ? ScheduleView.of(d) : null,
				(event.freshness() != null) ? FreshnessView.of(event.freshness()) : null);
	}

	/**
	 * When the organisation last confirmed the offer, when it turns stale and when it leaves public
	 * listings unless confirmed again ({@code POST /api/v1/events/{id}/confirm} or any change).
	 *
	 * @param stale whether it is stale now, as the answer is made
	 */
	record FreshnessView(OffsetDateTime confirmedAt, OffsetDateTime staleAt, OffsetDateTime hiddenAt, boolean stale) {

		static FreshnessView of(Freshness freshness) {
			return new FreshnessView(danish(freshness.confirmedAt()), danish(freshness.staleAt()),
					danish(freshness.hiddenAt()), freshness.isStale(Instant.now()));
		}

	}

	/**
	 * The series of a recurring offer.
	 *
	 * @param rrule the RFC 5545 rule, {@code UNTIL} in UTC
	 * @param until the last Danish day an occurrence may start, if the series ends by date
	 * @param firstStartsAt the first occurrence (iCalendar {@code DTSTART})
	 * @param seriesEndsAt when the last occurrence ends, or null when the series has no end
	 */
	record ScheduleView(String rrule, @Nullable LocalDate until, @Nullable Integer count, List<LocalDate> exdates,
			List<EventDetails.CancelledOccurrence> cancelled, OffsetDateTime firstStartsAt,
			OffsetDateTime firstEndsAt, @Nullable OffsetDateTime seriesEndsAt) {

		static ScheduleView of(EventDetails details) {
			EventDetails.Schedule schedule = Objects.requireNonNull(details.schedule());
			Recurrence recurrence = schedule.recurrence();
			return new ScheduleView(schedule.rrule(),
					recurrence.until()
						.map((until) -> until.atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toLocalDate())
						.orElse(null),
					recurrence.count().orElse(null), schedule.exdates(), schedule.cancelled(),
					danish(details.startsAt()), danish(details.endsAt()),
					(schedule.seriesEndsAt() != null) ? danish(schedule.seriesEndsAt()) : null);
		}

	}

	/** Times are shown in Danish local time with their offset. */
	private static OffsetDateTime danish(Instant instant) {
		return instant.atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toOffsetDateTime();
	}

	String etag() {
		return ETags.of(this.version);
	}

}
