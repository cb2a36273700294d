package dk.sammen.contracts.event;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The whole public state of a partner event after a change, so consumers can keep their own read
 * models without calling back (event-carried state transfer).
 */
public record EventSnapshotV1(String id, String organisationId, String organisationName, String status, long version,
		String title, String description, String programme, @Nullable String campaign, Instant startsAt,
		Instant endsAt, @Nullable LocationV1 location, @Nullable OnlineV1 online, List<String> arenas,
		List<String> interventionTypes, List<String> targetGroups, List<String> languages,
		@Nullable Integer priceDkk, @Nullable Integer capacity, @Nullable String registrationUrl,
		List<String> accessibility, Instant createdAt, Instant updatedAt) {

	public record LocationV1(String venue, String street, String postalCode, String city, String kommuneCode,
			String regionCode, @Nullable Double lat, @Nullable Double lon) {
	}

	public record OnlineV1(String url) {
	}

}
