package dk.sammen.gateway.feed;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.Violations;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.util.MultiValueMap;

/**
 * The feed's filters applied in the gateway, to the changes on the event topic, with the same
 * meaning events-service gives them in its listing. Repeated or comma-separated values are
 * alternatives; different filters must all hold. Slugs of vocabularies events-service owns
 * (programme, arena …) are not checked here: an unknown one simply matches nothing.
 */
record StreamQuery(List<String> kommuner, List<String> regions, List<String> programmes, List<String> campaigns,
		List<String> arenas, List<String> interventionTypes, List<String> targetGroups, @Nullable Instant from,
		@Nullable Instant to, @Nullable GeoPoint near, double radiusKm, @Nullable Boolean free,
		@Nullable Boolean online, List<String> words) {

	private static final double DEFAULT_RADIUS_KM = 10;

	private static final Pattern TAGS = Pattern.compile("<[^>]*>");

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	static StreamQuery parse(MultiValueMap<String, String> params, Kommuner kommuner) {
		Violations violations = new Violations();
		List<String> kommuneCodes = values(params, "kommune");
		violations.require(kommuneCodes.stream().allMatch(kommuner::isKommune), "kommune",
				"official four-digit kommune codes such as '0661'");
		List<String> regions = values(params, "region");
		violations.require(regions.stream().allMatch(kommuner::isRegion), "region", "region codes 1081 to 1085");
		Instant from = instant(violations, params.getFirst("from"), "from", false);
		Instant to = instant(violations, params.getFirst("to"), "to", true);
		GeoPoint near = null;
		if (params.getFirst("near") != null) {
			near = point(params.getFirst("near"));
			violations.require(near != null, "near", "latitude,longitude such as '56.36,8.62'");
		}
		double radius = DEFAULT_RADIUS_KM;
		String radiusValue = params.getFirst("radiusKm");
		if (radiusValue != null) {
			try {
				radius = Double.parseDouble(radiusValue);
			}
			catch (NumberFormatException ex) {
				radius = -1;
			}
			violations.require(radius >= 0.1 && radius <= 500, "radiusKm", "a number from 0.1 to 500.0");
		}
		Boolean free = bool(violations, params, "free");
		Boolean online = bool(violations, params, "online");
		String q = params.getFirst("q");
		violations.require(q == null || q.length() <= 200, "q", "at most 200 characters");
		if (!violations.isEmpty()) {
			throw FeedQuery.invalid(violations.list());
		}
		return new StreamQuery(kommuneCodes, regions, values(params, "programme"), values(params, "campaign"),
				values(params, "arena"), values(params, "interventionType"), values(params, "targetGroup"), from, to,
				near, radius, free, online, (q != null) ? queryWords(q) : List.of());
	}

	/** Whether the listing with these filters, asked now, would show the event. */
	boolean matches(EventSnapshotV1 event, Instant now) {
		EventSnapshotV1.LocationV1 location = event.location();
		return anyOf(this.kommuner, (location != null) ? List.of(location.kommuneCode()) : List.of())
				&& anyOf(this.regions, (location != null) ? List.of(location.regionCode()) : List.of())
				&& anyOf(this.programmes, List.of(event.programme()))
				&& anyOf(this.campaigns, (event.campaign() != null) ? List.of(event.campaign()) : List.of())
				&& anyOf(this.arenas, event.arenas()) && anyOf(this.interventionTypes, event.interventionTypes())
				&& (this.targetGroups.isEmpty() || event.targetGroups().contains("alle")
						|| anyOf(this.targetGroups, event.targetGroups()))
				&& event.endsAt().isAfter((this.from != null) ? this.from : now)
				&& (this.to == null || event.startsAt().isBefore(this.to)) && free(event.priceDkk())
				&& (this.online == null || (this.online ? event.online() != null : location != null))
				&& (this.words.isEmpty() || textWords(event.title(), event.description()).containsAll(this.words))
				&& near(location);
	}

	private boolean free(@Nullable Integer price) {
		if (this.free == null) {
			return true;
		}
		return this.free ? Integer.valueOf(0).equals(price) : price != null && price > 0;
	}

	private boolean near(EventSnapshotV1.@Nullable LocationV1 location) {
		if (this.near == null) {
			return true;
		}
		return location != null && location.lat() != null && location.lon() != null
				&& this.near.distanceKm(new GeoPoint(location.lat(), location.lon())) <= this.radiusKm;
	}

	private static boolean anyOf(List<String> wanted, Collection<String> actual) {
		return wanted.isEmpty() || actual.stream().anyMatch(wanted::contains);
	}

	private static List<String> values(MultiValueMap<String, String> params, String name) {
		List<String> values = new ArrayList<>();
		for (String value : params.getOrDefault(name, List.of())) {
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					values.add(part.strip());
				}
			}
		}
		return values.stream().distinct().toList();
	}

	/** events-service's word rule: lower case, Danish letters folded, accents dropped, two letters or more. */
	private static List<String> queryWords(String query) {
		return Arrays.stream(NON_WORD.split(fold(query))).filter((word) -> word.length() >= 2).distinct().toList();
	}

	private static Set<String> textWords(String... texts) {
		Set<String> words = new HashSet<>();
		for (String text : texts) {
			words.addAll(Arrays.asList(NON_WORD.split(fold(TAGS.matcher(text).replaceAll(" ")))));
		}
		return words;
	}

	private static String fold(String text) {
		String lower = text.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "oe").replace("å", "aa");
		return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
	}

	/** A date means the start of that day in Danish time ({@code to}: the start of the next day). */
	private static @Nullable Instant instant(Violations violations, @Nullable String value, String name,
			boolean endOfDay) {
		if (value == null) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate date = LocalDate.parse(value);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(DanmarkSpiserSammenWeek.DANISH_TIME)
					.toInstant();
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			violations.add(name, "a date (2027-04-26) or a date-time with offset (2027-04-26T17:00:00+02:00)");
			return null;
		}
	}

	private static @Nullable GeoPoint point(@Nullable String value) {
		String[] parts = (value != null) ? value.split(",") : new String[0];
		if (parts.length != 2) {
			return null;
		}
		try {
			return new GeoPoint(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable Boolean bool(Violations violations, MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		if (value == null) {
			return null;
		}
		violations.require(value.equals("true") || value.equals("false"), name, "true or false");
		return Boolean.valueOf(value);
	}

}
