package dk.sammen.platform.programme;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Danmark Spiser Sammen week: ISO week 17 or 45 of an ISO week-based year, Monday to Sunday in
 * Danish local time.
 *
 * @param weekBasedYear the ISO week-based year
 * @param week 17 or 45
 */
public record DanmarkSpiserSammenWeek(int weekBasedYear, int week) implements Comparable<DanmarkSpiserSammenWeek> {

	public static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	public static final List<Integer> WEEKS = List.of(17, 45);

	public DanmarkSpiserSammenWeek {
		if (!WEEKS.contains(week)) {
			throw new IllegalArgumentException("Danmark Spiser Sammen is in ISO week 17 or 45, not " + week);
		}
	}

	/** The week {@code startsAt} falls in, in Danish local time, if it is a Danmark Spiser Sammen week. */
	public static Optional<DanmarkSpiserSammenWeek> containing(Instant startsAt) {
		LocalDate date = startsAt.atZone(DANISH_TIME).toLocalDate();
		int week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
		return WEEKS.contains(week)
				? Optional.of(new DanmarkSpiserSammenWeek(date.get(IsoFields.WEEK_BASED_YEAR), week))
				: Optional.empty();
	}

	/** The weeks whose Sunday is on or after {@code today}, in order, {@code count} of them. */
	public static List<DanmarkSpiserSammenWeek> upcoming(LocalDate today, int count) {
		List<DanmarkSpiserSammenWeek> weeks = new ArrayList<>();
		for (int year = today.get(IsoFields.WEEK_BASED_YEAR); weeks.size() < count; year++) {
			for (int week : WEEKS) {
				DanmarkSpiserSammenWeek candidate = new DanmarkSpiserSammenWeek(year, week);
				if (!candidate.sunday().isBefore(today) && weeks.size() < count) {
					weeks.add(candidate);
				}
			}
		}
		return weeks;
	}

	public LocalDate monday() {
		return LocalDate.of(this.weekBasedYear, 6, 1)
			.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, this.week)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	public LocalDate sunday() {
		return monday().plusDays(6);
	}

	/** The first instant of Monday in Danish time. */
	public Instant startsAt() {
		return monday().atStartOfDay(DANISH_TIME).toInstant();
	}

	/** The first instant after Sunday in Danish time. */
	public Instant endsBefore() {
		return monday().plusDays(7).atStartOfDay(DANISH_TIME).toInstant();
	}

	@Override
	public int compareTo(DanmarkSpiserSammenWeek other) {
		return startsAt().compareTo(other.startsAt());
	}

}
