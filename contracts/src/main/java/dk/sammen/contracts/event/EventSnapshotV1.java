package dk.sammen.contracts.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The whole public state of a partner event after a change, so consumers can keep their own read
 * models without calling back (event-carried state transfer).
 * <p>
 * {@code welcome}, {@code welcomeNote} and {@code transportNote} (CONTRACT section 9) were added to
 * v1 as optional properties: a consumer that ignores unknown properties, as every consumer here
 * does, reads old and new payloads alike, and a payload without them reads as an event that says
 * nothing about its welcome. {@code schedule} (recurring offers) and {@code visibleUntil} (freshness) were added the same way: without
 * it, an event happens once, from {@code startsAt} to {@code endsAt}.
 *
 * @param startsAt when it starts; for a recurring offer, when its first occurrence starts
 * @param endsAt when it ends; for a recurring offer, when its first occurrence ends
 * @param schedule how a recurring offer repeats, or null when it happens once
 * @param visibleUntil when the offer leaves public listings unless its organisation re-confirms it
 * (a published event's freshness), or null when that does not apply
 * @param welcome how a newcomer is received: {@code kom-alene}, {@code bordvaert}, {@code foelgeskab}
 */
public record EventSnapshotV1(String id, String organisationId, String organisationName, String status, long version,
		String title, String description, String programme, @Nullable String campaign, Instant startsAt,
		Instant endsAt, @Nullable LocationV1 location, @Nullable OnlineV1 online, List<String> arenas,
		List<String> interventionTypes, List<String> targetGroups, List<String> languages,
		@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
		List<String> accessibility, List<String> welcome, @Nullable String welcomeNote,
		@Nullable String transportNote, @Nullable ScheduleV1 schedule, @Nullable Instant visibleUntil,
		Instant createdAt, Instant updatedAt) {

	public EventSnapshotV1 {
		welcome = (welcome != null) ? welcome : List.of();
	}

	/** An event that happens once, as payloads before {@code schedule} existed. */
	public EventSnapshotV1(String id, String organisationId, String organisationName, String status, long version,
			String title, String description, String programme, @Nullable String campaign, Instant startsAt,
			Instant endsAt, @Nullable LocationV1 location, @Nullable OnlineV1 online, List<String> arenas,
			List<String> interventionTypes, List<String> targetGroups, List<String> languages,
			@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
			List<String> accessibility, List<String> welcome, @Nullable String welcomeNote,
			@Nullable String transportNote, Instant createdAt, Instant updatedAt) {
		this(id, organisationId, organisationName, status, version, title, description, programme, campaign, startsAt,
				endsAt, location, online, arenas, interventionTypes, targetGroups, languages, priceDkk, capacity,
				registrationUrl, accessibility, welcome, welcomeNote, transportNote, null, null, createdAt, updatedAt);
	}

	/** An event that says nothing about its welcome, as payloads before those fields were. */
	public EventSnapshotV1(String id, String organisationId, String organisationName, String status, long version,
			String title, String description, String programme, @Nullable String campaign, Instant startsAt,
			Instant endsAt, @Nullable LocationV1 location, @Nullable OnlineV1 online, List<String> arenas,
			List<String> interventionTypes, List<String> targetGroups, List<String> languages,
			@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
			List<String> accessibility, Instant createdAt, Instant updatedAt) {
		this(id, organisationId, organisationName, status, version, title, description, programme, campaign, startsAt,
				endsAt, location, online, arenas, interventionTypes, targetGroups, languages, priceDkk, capacity,
				registrationUrl, accessibility, List.of(), null, null, null, null, createdAt, updatedAt);
	}

	public record LocationV1(String venue, String street, String postalCode, String city, String kommuneCode,
			String regionCode, @Nullable Double lat, @Nullable Double lon) {
	}

	public record OnlineV1(String url) {
	}

	/**
	 * How a recurring offer repeats, in Danish local time from its first occurrence.
	 *
	 * @param rrule the RFC 5545 RRULE value (FREQ WEEKLY or MONTHLY; INTERVAL, BYDAY, BYMONTHDAY,
	 * COUNT, UNTIL in UTC)
	 * @param exdates Danish dates on which it does not take place (not shown at all)
	 * @param cancelled single occurrences called off, still shown as cancelled with their reason
	 * @param seriesEndsAt when the last occurrence ends, or null when the series has no end
	 */
	public record ScheduleV1(String rrule, List<LocalDate> exdates, List<CancelledOccurrenceV1> cancelled,
			@Nullable Instant seriesEndsAt) {

		public ScheduleV1 {
			exdates = (exdates != null) ? List.copyOf(exdates) : List.of();
			cancelled = (cancelled != null) ? List.copyOf(cancelled) : List.of();
		}

	}

	/** One occurrence called off: its Danish date and why. */
	public record CancelledOccurrenceV1(LocalDate date, String reason) {
	}

}
