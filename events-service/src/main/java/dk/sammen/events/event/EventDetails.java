package dk.sammen.events.event;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The validated, partner-owned content of an event.
 *
 * @param welcome how a newcomer is received ({@link Vocabulary#WELCOME})
 * @param welcomeNote what else a newcomer should know, in plain text
 * @param transportNote how to get there (bus, Flextur, a lift), in plain text
 */
record EventDetails(String title, String description, String programme, @Nullable String campaign,
		Instant startsAt, Instant endsAt, @Nullable Place location, @Nullable Online online, List<String> arenas,
		List<String> interventionTypes, List<String> targetGroups, List<String> languages,
		@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
		List<String> accessibility, List<String> welcome, @Nullable String welcomeNote,
		@Nullable String transportNote) {

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

}
