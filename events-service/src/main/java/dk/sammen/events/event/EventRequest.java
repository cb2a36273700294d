package dk.sammen.events.event;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An event as a partner sends it (CONTRACT section 3). Every field may be missing here; the rules
 * in {@link EventRules} say which must be there. Server-owned fields are not part of it, so a
 * body that carries them is rejected as having unknown fields.
 *
 * @param externalId the partner's own id (CONTRACT section 9), given when the event is created and
 * never changed; see {@link ExternalIds}. Left out of the idempotency hash when missing, so the hash of
 * a body without it is what it was before the field existed.
 */
record EventRequest(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String externalId,
		@Nullable String title, @Nullable String description, @Nullable String programme,
		@Nullable String campaign, @Nullable OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt,
		@Nullable LocationRequest location, @Nullable OnlineRequest online, @Nullable List<String> arenas,
		@Nullable List<String> interventionTypes, @Nullable List<String> targetGroups,
		@Nullable List<String> languages, @Nullable Integer priceDkk, @Nullable Integer capacity,
		@Nullable String registrationUrl, @Nullable List<String> accessibility, @Nullable List<String> welcome,
		@Nullable String welcomeNote, @Nullable String transportNote, @Nullable ScheduleRequest schedule) {

	record LocationRequest(@Nullable String venue, @Nullable String street, @Nullable String postalCode,
			@Nullable String city, @Nullable String kommuneCode, @Nullable Double lat, @Nullable Double lon) {
	}

	record OnlineRequest(@Nullable String url) {
	}

	/**
	 * CONTRACT section 9: {@code {"rrule": "FREQ=WEEKLY;BYDAY=TU", "until": "2027-06-29", "exdates": [...]}}.
	 * Dates are Danish dates; {@code until} and exception dates may also be given as date-times.
	 */
	record ScheduleRequest(@Nullable String rrule, @Nullable String until, @Nullable List<String> exdates) {
	}

}
