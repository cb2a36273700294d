package dk.sammen.events.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.schedule.Recurrence;

/**
 * The validated, partner-owned content of an event.
 *
 * @param welcome how a newcomer is received ({@link Vocabulary#WELCOME})
 * @param welcomeNote what else a newcomer should know, in plain text
 * @param transportNote how to get there (bus, Flextur, a lift), in plain text
 * @param startsAt when it starts; for a recurring offer, its first occurrence
 * @param schedule how a recurring offer repeats, or null when it happens once
 */
record EventDetails(String title, String description, String programme, @Nullable String campaign,
		Instant startsAt, Instant endsAt, @Nullable Place location, @Nullable Online online, List<String> arenas,
		List<String> interventionTypes, List<String> targetGroups, List<String> languages,
		@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
		List<String> accessibility, List<String> welcome, @Nullable String welcomeNote,
		@Nullable String transportNote, @Nullable Schedule schedule) {

	/** Events stored before the welcome fields existed read as saying nothing about it. */
	EventDetails {
		welcome = (welcome != null) ? welcome : List.of();
	}

	/** Where it takes place; {@code regionCode} follows from the kommune. */
	record Place(String venue, String street, String postalCode, String city, String kommuneCode, String regionCode,
			@Nullable Double lat, @Nullable Double lon) {
	}

	record Online(String url) {
	}

	/**
	 * A recurring offer's schedule. {@code seriesEndsAt} is derived when the schedule is set, so
	 * the listing can find every series that reaches into a window with one indexed range.
	 *
	 * @param rrule the normalised {@link dk.sammen.platform.schedule.Recurrence} rule
	 * @param exdates Danish dates without an occurrence
	 * @param cancelled occurrences called off one at a time, in the order they were
	 * @param seriesEndsAt when the last occurrence ends, or null when the series has no end
	 */
	record Schedule(String rrule, List<LocalDate> exdates, List<CancelledOccurrence> cancelled,
			@Nullable Instant seriesEndsAt) {

		Schedule {
			exdates = (exdates != null) ? List.copyOf(exdates) : List.of();
			cancelled = (cancelled != null) ? List.copyOf(cancelled) : List.of();
		}

		Recurrence recurrence() {
			return new Recurrence(this.rrule);
		}

		Optional<CancelledOccurrence> cancellation(LocalDate date) {
			return this.cancelled.stream().filter((occurrence) -> occurrence.date().equals(date)).findFirst();
		}

		Schedule withCancelled(LocalDate date, String reason) {
			List<CancelledOccurrence> more = new ArrayList<>(this.cancelled);
			more.add(new CancelledOccurrence(date, reason));
			return new Schedule(this.rrule, this.exdates, more, this.seriesEndsAt);
		}

	}

	/** One occurrence of a recurring offer called off, on its Danish date. */
	record CancelledOccurrence(LocalDate date, String reason) {
	}

	EventDetails withSchedule(@Nullable Schedule schedule) {
		return new EventDetails(this.title, this.description, this.programme, this.campaign, this.startsAt,
				this.endsAt, this.location, this.online, this.arenas, this.interventionTypes, this.targetGroups,
				this.languages, this.priceDkk, this.capacity, this.registrationUrl, this.accessibility, this.welcome,
				this.welcomeNote, this.transportNote, schedule);
	}

}
