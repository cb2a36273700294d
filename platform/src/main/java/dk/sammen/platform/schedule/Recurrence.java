package dk.sammen.platform.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import net.fortuna.ical4j.model.Recur;
import org.jspecify.annotations.Nullable;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;

/**
 * A recurring offer's rule (CONTRACT section 9): the subset of an RFC 5545 RRULE that local offers
 * need — weekly or monthly, on given weekdays or days of the month, ending at a date, after a
 * number of times, or not at all — in Danish local time, so "every Tuesday at 10" stays at 10
 * across daylight saving time. ical4j expands it; this type decides what is accepted.
 *
 * Parsed once, when made: the accessors read the parts rather than the text.
 */
public final class Recurrence {

	/** A series may run for years, but one page never needs more than this many of its times. */
	public static final int MAX_COUNT = 1000;

	private static final Set<String> PARTS = Set.of("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL",
			"WKST");

	private static final Pattern WEEKDAY = Pattern.compile("^(MO|TU|WE|TH|FR|SA|SU)$");

	private static final Pattern MONTH_WEEKDAY = Pattern.compile("^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$");

	private static final Pattern UNTIL_DATE = Pattern.compile("^[0-9]{8}$");

	private static final Pattern UNTIL_TIME = Pattern.compile("^[0-9]{8}T[0-9]{6}Z$");

	private static final DateTimeFormatter UTC_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final String rule;

	private final Map<String, String> parts;

	/**
	 * @param rule the normalised RRULE value, {@code UNTIL} written in UTC as RFC 5545 asks for zoned
	 * times
	 * @throws IllegalArgumentException when the rule is not one this type accepts
	 */
	public Recurrence(String rule) {
		this.parts = Map.copyOf(parse(rule));
		this.rule = rule;
	}

	public String rule() {
		return this.rule;
	}

	/**
	 * The rule as a partner wrote it, with the schedule's separate end date if it gave one.
	 * @param rrule an RRULE value such as {@code FREQ=WEEKLY;BYDAY=TU}
	 * @param until the last day an occurrence may start (Danish time), or null
	 * @throws IllegalArgumentException saying what is wrong, in words a partner can act on
	 */
	public static Recurrence of(String rrule, @Nullable LocalDate until) {
		Map<String, String> parts = parts(rrule);
		if (until != null) {
			if (parts.containsKey("UNTIL") || parts.containsKey("COUNT")) {
				throw new IllegalArgumentException("give the end either as 'until' or in the rule, not both");
			}
			Instant endOfDay = until.plusDays(1).atStartOfDay(DanmarkSpiserSammenWeek.DANISH_TIME).toInstant();
			parts.put("UNTIL", UTC_BASIC.format(endOfDay.minusSeconds(1)));
		}
		else if (parts.containsKey("UNTIL") && UNTIL_DATE.matcher(parts.get("UNTIL")).matches()) {
			LocalDate day = LocalDate.parse(parts.get("UNTIL"), DateTimeFormatter.BASIC_ISO_DATE);
			Instant endOfDay = day.plusDays(1).atStartOfDay(DanmarkSpiserSammenWeek.DANISH_TIME).toInstant();
			parts.put("UNTIL", UTC_BASIC.format(endOfDay.minusSeconds(1)));
		}
		StringBuilder rule = new StringBuilder();
		parts.forEach((name, value) -> rule.append(rule.isEmpty() ? "" : ";").append(name).append('=').append(value));
		return new Recurrence(rule.toString());
	}

	public String frequency() {
		return this.parts.get("FREQ");
	}

	public int interval() {
		String interval = this.parts.get("INTERVAL");
		return (interval != null) ? Integer.parseInt(interval) : 1;
	}

	/** BYDAY as written: {@code TU}, or with a week of the month for monthly rules, {@code -1FR}. */
	public List<String> byDay() {
		String days = this.parts.get("BYDAY");
		return (days != null) ? List.of(days.split(",")) : List.of();
	}

	public List<Integer> byMonthDay() {
		String days = this.parts.get("BYMONTHDAY");
		return (days != null) ? List.of(days.split(",")).stream().map(Integer::valueOf).toList() : List.of();
	}

	public Optional<Integer> count() {
		return Optional.ofNullable(this.parts.get("COUNT")).map(Integer::valueOf);
	}

	public Optional<Instant> until() {
		return Optional.ofNullable(this.parts.get("UNTIL")).map((until) -> Instant.from(UTC_BASIC.parse(until)));
	}

	/** Whether the series has an end, so that its last occurrence is known. */
	public boolean isBounded() {
		return count().isPresent() || until().isPresent();
	}

	/**
	 * The start times of the occurrences that start in {@code [from, to)}, first first, at most
	 * {@code max}, without the excepted dates. The first occurrence is {@code firstStart}.
	 */
	public List<Instant> starts(Instant firstStart, Instant from, Instant to, Set<LocalDate> exceptDates, int max) {
		if (!to.isAfter(from) || max <= 0) {
			return List.of();
		}
		ZonedDateTime seed = firstStart.atZone(DanmarkSpiserSammenWeek.DANISH_TIME);
		Recur<ZonedDateTime> recur = new Recur<>(this.rule);
		List<Instant> starts = new ArrayList<>();
		// ical4j's period end is inclusive; ask for a few more in case excepted dates are among them
		recur.getDatesAsStream(seed, from.atZone(DanmarkSpiserSammenWeek.DANISH_TIME),
				to.minusNanos(1).atZone(DanmarkSpiserSammenWeek.DANISH_TIME),
				Math.min(MAX_COUNT, max + exceptDates.size() + 1))
			.filter((start) -> !start.toInstant().isBefore(from) && start.toInstant().isBefore(to))
			.filter((start) -> !exceptDates.contains(start.toLocalDate()))
			.limit(max)
			.forEach((start) -> starts.add(start.toInstant()));
		return starts;
	}

	/** Whether {@code start} is one of the series' times (excepted dates aside). */
	public boolean isOccurrence(Instant firstStart, Instant start) {
		return starts(firstStart, start, start.plusSeconds(1), Set.of(), 1).contains(start);
	}

	/**
	 * The start of the last occurrence, or empty when the series has no end. Bounded by
	 * {@link #MAX_COUNT} occurrences.
	 */
	public Optional<Instant> lastStart(Instant firstStart) {
		if (!isBounded()) {
			return Optional.empty();
		}
		// COUNT alone: at most MAX_COUNT times, at most a year apart
		Instant to = until().map((until) -> until.plusSeconds(1))
			.orElse(firstStart.plus(Duration.ofDays(366L * (MAX_COUNT + 1))));
		List<Instant> starts = starts(firstStart, firstStart, to, Set.of(), MAX_COUNT);
		return starts.isEmpty() ? Optional.of(firstStart) : Optional.of(starts.get(starts.size() - 1));
	}

	/** The day of the week of each weekly BYDAY, for formats that name days (schema.org). */
	public List<DayOfWeek> weekdays() {
		return byDay().stream().map((day) -> day.substring(day.length() - 2)).distinct().map(Recurrence::dayOfWeek).toList();
	}

	private static DayOfWeek dayOfWeek(String code) {
		return switch (code) {
			case "MO" -> DayOfWeek.MONDAY;
			case "TU" -> DayOfWeek.TUESDAY;
			case "WE" -> DayOfWeek.WEDNESDAY;
			case "TH" -> DayOfWeek.THURSDAY;
			case "FR" -> DayOfWeek.FRIDAY;
			case "SA" -> DayOfWeek.SATURDAY;
			default -> DayOfWeek.SUNDAY;
		};
	}

	private static Map<String, String> parse(String rule) {
		Map<String, String> parts = parts(rule);
		String frequency = parts.get("FREQ");
		if (!"WEEKLY".equals(frequency) && !"MONTHLY".equals(frequency)) {
			throw new IllegalArgumentException("FREQ must be WEEKLY or MONTHLY");
		}
		String interval = parts.get("INTERVAL");
		if (interval != null) {
			number(interval, 1, 12, "INTERVAL");
		}
		String byDay = parts.get("BYDAY");
		if (byDay != null) {
			Pattern day = "WEEKLY".equals(frequency) ? WEEKDAY : MONTH_WEEKDAY;
			List<String> days = List.of(byDay.split(",", -1));
			if (days.stream().anyMatch((d) -> !day.matcher(d).matches() || d.matches("^[+-]?0.*"))
					|| Set.copyOf(days).size() != days.size()) {
				throw new IllegalArgumentException("WEEKLY".equals(frequency)
						? "BYDAY lists weekdays MO, TU, WE, TH, FR, SA, SU, each once"
						: "BYDAY lists weekdays, optionally with the week of the month: 1TU, -1FR");
			}
		}
		String byMonthDay = parts.get("BYMONTHDAY");
		if (byMonthDay != null) {
			if (!"MONTHLY".equals(frequency)) {
				throw new IllegalArgumentException("BYMONTHDAY belongs to MONTHLY rules");
			}
			for (String monthDay : byMonthDay.split(",", -1)) {
				int value = number(monthDay, -31, 31, "BYMONTHDAY");
				if (value == 0) {
					throw new IllegalArgumentException("BYMONTHDAY is a day of the month, 1 to 31 or -1 to -31");
				}
			}
		}
		String count = parts.get("COUNT");
		if (count != null) {
			number(count, 1, MAX_COUNT, "COUNT");
		}
		String until = parts.get("UNTIL");
		if (until != null) {
			if (count != null) {
				throw new IllegalArgumentException("a rule ends with COUNT or UNTIL, not both");
			}
			if (!UNTIL_DATE.matcher(until).matches() && !UNTIL_TIME.matcher(until).matches()) {
				throw new IllegalArgumentException("UNTIL is a date (20270630) or a UTC time (20270630T215959Z)");
			}
		}
		String weekStart = parts.get("WKST");
		if (weekStart != null && !WEEKDAY.matcher(weekStart).matches()) {
			throw new IllegalArgumentException("WKST is a weekday such as MO");
		}
		return parts;
	}

	private static Map<String, String> parts(String rule) {
		String value = rule.strip();
		if (value.regionMatches(true, 0, "RRULE:", 0, 6)) {
			value = value.substring(6);
		}
		if (value.isEmpty() || value.length() > 200) {
			throw new IllegalArgumentException("an RRULE such as FREQ=WEEKLY;BYDAY=TU, at most 200 characters");
		}
		Map<String, String> parts = new LinkedHashMap<>();
		for (String part : value.split(";", -1)) {
			int equals = part.indexOf('=');
			String name = (equals > 0) ? part.substring(0, equals).toUpperCase(java.util.Locale.ROOT) : part;
			if (equals <= 0 || !PARTS.contains(name)) {
				throw new IllegalArgumentException(
						"only FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL and WKST are supported, not '" + part + "'");
			}
			if (parts.put(name, part.substring(equals + 1).toUpperCase(java.util.Locale.ROOT)) != null) {
				throw new IllegalArgumentException(name + " is given twice");
			}
		}
		if (!parts.containsKey("FREQ")) {
			throw new IllegalArgumentException("FREQ is required: WEEKLY or MONTHLY");
		}
		return parts;
	}

	private static int number(String value, int min, int max, String name) {
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(name + " is a whole number from " + min + " to " + max);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Recurrence recurrence && this.rule.equals(recurrence.rule);
	}

	@Override
	public int hashCode() {
		return this.rule.hashCode();
	}

	@Override
	public String toString() {
		return this.rule;
	}

}
