package dk.sammen.events.event;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.links.PublicUrl;
import dk.sammen.platform.problem.Violations;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import dk.sammen.platform.schedule.Recurrence;
import dk.sammen.platform.text.PlainText;
import org.springframework.stereotype.Component;

/** The rules an event must pass (CONTRACT section 3); all violations are reported at once. */
@Component
class EventRules {

	private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private static final Pattern POSTAL_CODE = Pattern.compile("^[0-9]{4}$");

	private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2}$");

	private static final int MAX_LIST = 10;

	private static final int MAX_NOTE = 500;

	private static final Duration MAX_DURATION = Duration.ofDays(366);

	private static final Duration MAX_OCCURRENCE = Duration.ofHours(24);

	private static final int MAX_EXDATES = 200;

	/** Denmark with a margin, Bornholm and Christiansø included. */
	private static final double MIN_LAT = 54.4, MAX_LAT = 57.9, MIN_LON = 7.8, MAX_LON = 15.3;

	private final Kommuner kommuner;

	EventRules(Kommuner kommuner) {
		this.kommuner = kommuner;
	}

	EventDetails validate(EventRequest request) {
		Violations violations = new Violations();
		ExternalIds.check(violations, request.externalId());
		String title = PlainText.required(violations, "title", request.title(), 200);
		String description = PlainText.sanitizedHtml(violations, "description", request.description());
		String programme = request.programme();
		violations.require(programme != null && Vocabulary.PROGRAMMES.contains(programme), "programme",
				"must be one of " + sorted(Vocabulary.PROGRAMMES));
		String campaign = request.campaign();
		if (campaign != null) {
			violations.require(campaign.length() <= 64 && SLUG.matcher(campaign).matches(), "campaign",
					"must be a campaign slug such as 'vaer-en-som-raekker-ud'");
		}
		Instant startsAt = (request.startsAt() != null) ? request.startsAt().toInstant() : null;
		Instant endsAt = (request.endsAt() != null) ? request.endsAt().toInstant() : null;
		violations.require(startsAt != null, "startsAt", "required, ISO-8601 date-time with offset");
		violations.require(endsAt != null, "endsAt", "required, ISO-8601 date-time with offset");
		if (startsAt != null && endsAt != null) {
			violations.require(endsAt.isAfter(startsAt), "endsAt", "must be after startsAt");
			violations.require(Duration.between(startsAt, endsAt).compareTo(MAX_DURATION) <= 0, "endsAt",
					"an event lasts at most 366 days");
		}
		if (startsAt != null && Vocabulary.DANMARK_SPISER_SAMMEN.equals(programme)) {
			violations.require(DanmarkSpiserSammenWeek.containing(startsAt).isPresent(), "startsAt",
					"a Danmark Spiser Sammen event must start in ISO week 17 or 45 (Danish time)");
		}
		EventDetails.Place place = (request.location() != null) ? place(violations, request.location()) : null;
		EventDetails.Online online = null;
		if (request.online() != null) {
			String url = request.online().url();
			if (violations.require(url != null && PublicUrl.isAcceptable(url), "online.url",
					"required for online events: an http(s) URL to a public host")) {
				online = new EventDetails.Online(url);
			}
		}
		violations.require(request.location() != null || request.online() != null, "location",
				"give a location, an online URL, or both");
		List<String> arenas = subset(violations, "arenas", request.arenas(), Vocabulary.ARENAS);
		List<String> interventionTypes = subset(violations, "interventionTypes", request.interventionTypes(),
				Vocabulary.INTERVENTION_TYPES);
		List<String> targetGroups = subset(violations, "targetGroups", request.targetGroups(),
				Vocabulary.TARGET_GROUPS);
		List<String> accessibility = subset(violations, "accessibility", request.accessibility(),
				Vocabulary.ACCESSIBILITY);
		List<String> languages = (request.languages() != null) ? request.languages() : List.of("da");
		violations.require(languages.size() <= MAX_LIST && languages.stream().allMatch((l) -> l != null && LANGUAGE.matcher(l).matches())
				&& Set.copyOf(languages.stream().filter((l) -> l != null).toList()).size() == languages.size(), "languages",
				"ISO 639-1 codes such as 'da' or 'en', each once, at most " + MAX_LIST);
		if (request.priceDkk() != null) {
			violations.require(request.priceDkk() >= 0 && request.priceDkk() <= 100_000, "priceDkk",
					"whole kroner from 0 to 100000");
		}
		if (request.capacity() != null) {
			violations.require(request.capacity() >= 1 && request.capacity() <= 1_000_000, "capacity",
					"from 1 to 1000000");
		}
		if (request.registrationUrl() != null) {
			violations.require(PublicUrl.isAcceptable(request.registrationUrl()), "registrationUrl",
					"an http(s) URL to a public host");
		}
		List<String> welcome = subset(violations, "welcome", request.welcome(), Vocabulary.WELCOME);
		String welcomeNote = PlainText.optional(violations, "welcomeNote", request.welcomeNote(), MAX_NOTE);
		String transportNote = PlainText.optional(violations, "transportNote", request.transportNote(), MAX_NOTE);
		EventDetails.Schedule schedule = (request.schedule() != null)
				? schedule(violations, request.schedule(), programme, startsAt, endsAt) : null;
		violations.throwIfAny();
		return new EventDetails(title, description, programme, campaign, startsAt, endsAt, place, online, arenas,
				interventionTypes, targetGroups, languages, request.priceDkk(), request.capacity(),
				request.registrationUrl(), accessibility, welcome, welcomeNote, transportNote, schedule);
	}

	/**
	 * A recurring offer's schedule: the rule must be one {@link Recurrence} accepts, the first
	 * occurrence must be {@code startsAt} itself (so every format agrees on the series), and one
	 * occurrence must end before the next day's could start.
	 */
	private EventDetails.@Nullable Schedule schedule(Violations violations, EventRequest.ScheduleRequest request,
			@Nullable String programme, @Nullable Instant startsAt, @Nullable Instant endsAt) {
		violations.require(!Vocabulary.DANMARK_SPISER_SAMMEN.equals(programme), "schedule",
				"a Danmark Spiser Sammen meal happens once, in week 17 or 45; post each meal as its own event");
		LocalDate until = (request.until() != null) ? date(violations, "schedule.until", request.until()) : null;
		Recurrence recurrence = null;
		if (request.rrule() == null) {
			violations.add("schedule.rrule", "required: an RRULE such as FREQ=WEEKLY;BYDAY=TU");
		}
		else {
			try {
				recurrence = Recurrence.of(request.rrule(), until);
			}
			catch (IllegalArgumentException ex) {
				violations.add("schedule.rrule", ex.getMessage());
			}
		}
		List<String> given = (request.exdates() != null) ? request.exdates() : List.of();
		violations.require(given.size() <= MAX_EXDATES, "schedule.exdates", "at most " + MAX_EXDATES + " dates");
		List<LocalDate> exdates = new ArrayList<>();
		for (int i = 0; i < given.size() && i < MAX_EXDATES; i++) {
			LocalDate date = (given.get(i) != null) ? date(violations, "schedule.exdates[" + i + "]", given.get(i))
					: null;
			if (date != null && !exdates.contains(date)) {
				exdates.add(date);
			}
		}
		if (recurrence == null || startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
			return null;
		}
		violations.require(Duration.between(startsAt, endsAt).compareTo(MAX_OCCURRENCE) <= 0, "endsAt",
				"an occurrence of a recurring offer lasts at most 24 hours");
		violations.require(recurrence.isOccurrence(startsAt, startsAt), "startsAt",
				"must be the first occurrence of the schedule: a day the rule names");
		Instant seriesEndsAt = recurrence.lastStart(startsAt)
			.map((last) -> last.plus(Duration.between(startsAt, endsAt)))
			.orElse(null);
		if (until != null) {
			violations.require(!until.isBefore(startsAt.atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toLocalDate()),
					"schedule.until", "on or after the day of startsAt");
		}
		return new EventDetails.Schedule(recurrence.rule(), exdates.stream().sorted().toList(), List.of(),
				seriesEndsAt);
	}

	/** A Danish date, written as a date or as a date-time with offset. */
	private static @Nullable LocalDate date(Violations violations, String field, String value) {
		try {
			return (value.length() == 10) ? LocalDate.parse(value)
					: OffsetDateTime.parse(value).atZoneSameInstant(DanmarkSpiserSammenWeek.DANISH_TIME).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			violations.add(field, "a date such as 2027-06-29, or a date-time with offset");
			return null;
		}
	}

	private EventDetails.@Nullable Place place(Violations violations, EventRequest.LocationRequest location) {
		String venue = PlainText.required(violations, "location.venue", location.venue(), 200);
		String street = PlainText.required(violations, "location.street", location.street(), 200);
		String city = PlainText.required(violations, "location.city", location.city(), 100);
		violations.require(location.postalCode() != null && POSTAL_CODE.matcher(location.postalCode()).matches(),
				"location.postalCode", "four digits");
		Kommune kommune = (location.kommuneCode() != null) ? this.kommuner.byCode(location.kommuneCode()).orElse(null)
				: null;
		violations.require(kommune != null, "location.kommuneCode",
				"one of the 98 official kommune codes, four digits such as '0661'");
		Double lat = location.lat();
		Double lon = location.lon();
		violations.require((lat == null) == (lon == null), "location.lat", "give both lat and lon, or neither");
		if (lat != null && lon != null) {
			violations.require(lat >= MIN_LAT && lat <= MAX_LAT, "location.lat", "a latitude in Denmark");
			violations.require(lon >= MIN_LON && lon <= MAX_LON, "location.lon", "a longitude in Denmark");
		}
		if (kommune == null || venue == null || street == null || city == null) {
			return null;
		}
		return new EventDetails.Place(venue, street, location.postalCode(), city, kommune.code(),
				kommune.regionCode(), lat, lon);
	}


	private static List<String> subset(Violations violations, String field, @Nullable List<String> values,
			Set<String> allowed) {
		if (values == null) {
			return List.of();
		}
		boolean known = values.stream().allMatch((value) -> value != null && allowed.contains(value));
		boolean distinct = new HashSet<>(values).size() == values.size();
		violations.require(known && distinct && values.size() <= MAX_LIST, field,
				"each at most once, from " + sorted(allowed));
		return List.copyOf(values.stream().filter((value) -> value != null).toList());
	}

	private static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

}
