package dk.sammen.contracts.event;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The whole public state of a partner event after a change, so consumers can keep their own read
 * models without calling back (event-carried state transfer).
 * <p>
 * {@code welcome}, {@code welcomeNote} and {@code transportNote} (CONTRACT section 9) were added to
 * v1 as optional properties: a consumer that ignores unknown properties, as every consumer here
 * does, reads old and new payloads alike, and a payload without them reads as an event that says
 * nothing about its welcome.
 *
 * @param welcome how a newcomer is received: {@code kom-alene}, {@code bordvaert}, {@code foelgeskab}
 */
public record EventSnapshotV1(String id, String organisationId, String organisationName, String status, long version,
		String title, String description, String programme, @Nullable String campaign, Instant startsAt,
		Instant endsAt, @Nullable LocationV1 location, @Nullable OnlineV1 online, List<String> arenas,
		List<String> interventionTypes, List<String> targetGroups, List<String> languages,
		@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
		List<String> accessibility, List<String> welcome, @Nullable String welcomeNote,
		@Nullable String transportNote, Instant createdAt, Instant updatedAt) {

	public EventSnapshotV1 {
		welcome = (welcome != null) ? welcome : List.of();
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
				registrationUrl, accessibility, List.of(), null, null, createdAt, updatedAt);
	}

	public record LocationV1(String venue, String street, String postalCode, String city, String kommuneCode,
			String regionCode, @Nullable Double lat, @Nullable Double lon) {
	}

	public record OnlineV1(String url) {
	}

}
