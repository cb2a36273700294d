package dk.sammen.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.problem.Violations;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.util.MultiValueMap;

/**
 * The query parameters of the public listings and the feed, read the same way everywhere: a
 * parameter may repeat or hold a comma-separated list; dates are Danish dates; {@code limit} is
 * 1–100 with 20 by default. Each reader records what is wrong in {@link Violations}.
 */
public final class QueryParameters {

	public static final int DEFAULT_LIMIT = 20;

	public static final int MAX_LIMIT = 100;

	private static final int MAX_VALUES = 100;

	private QueryParameters() {
	}

	/** Every value of {@code name}, commas splitting too, each once. */
	public static List<String> values(MultiValueMap<String, String> params, String name) {
		List<String> values = new ArrayList<>();
		for (String value : params.getOrDefault(name, List.of())) {
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					values.add(part.strip());
				}
			}
		}
		return values.stream().distinct().limit(MAX_VALUES).toList();
	}

	/**
	 * A date-time with offset, or a date meaning the start of that day in Danish time (with
	 * {@code endOfDay}: the start of the next day, so {@code to=2027-05-02} includes that Sunday).
	 */
	public static @Nullable Instant instant(Violations violations, @Nullable String value, String name,
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

	public static int limit(Violations violations, @Nullable String value) {
		if (value == null) {
			return DEFAULT_LIMIT;
		}
		if (value.matches("^[0-9]{1,3}$")) {
			int parsed = Integer.parseInt(value);
			if (parsed >= 1 && parsed <= MAX_LIMIT) {
				return parsed;
			}
		}
		violations.add("limit", "a whole number from 1 to " + MAX_LIMIT);
		return DEFAULT_LIMIT;
	}

	public static @Nullable Boolean bool(Violations violations, MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		if (value == null) {
			return null;
		}
		violations.require(value.equals("true") || value.equals("false"), name, "true or false");
		return Boolean.valueOf(value);
	}

	/** {@code latitude,longitude}, or null when it is not a position. */
	public static @Nullable GeoPoint point(@Nullable String value) {
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

}
