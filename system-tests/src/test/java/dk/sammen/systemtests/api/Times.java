package dk.sammen.systemtests.api;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/**
 * Times of test events, always in the future whenever the tests run (the feed shows what has not
 * ended yet), in Danish time as partners write them.
 */
public final class Times {

	public static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	private Times() {
	}

	/** {@code days} from today at {@code hour}:{@code minute} Danish time. */
	public static OffsetDateTime daysAhead(int days, int hour, int minute) {
		return LocalDate.now(DANISH_TIME).plusDays(days).atTime(hour, minute).atZone(DANISH_TIME).toOffsetDateTime();
	}

	/**
	 * A day of ISO week {@code week} (17 or 45 for Danmark Spiser Sammen) of next year, at a
	 * local time: always ahead, and the right week whatever the date of the run.
	 */
	public static OffsetDateTime nextYearsWeek(int week, DayOfWeek day, LocalTime time) {
		// mid-year lies in the week-based year of the same number
		LocalDate midYear = LocalDate.of(LocalDate.now(DANISH_TIME).getYear() + 1, 6, 15);
		LocalDate date = midYear.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(day);
		return ZonedDateTime.of(date, time, DANISH_TIME).toOffsetDateTime();
	}

}
