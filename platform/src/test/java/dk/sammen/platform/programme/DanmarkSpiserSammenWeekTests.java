package dk.sammen.platform.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DanmarkSpiserSammenWeekTests {

	@ParameterizedTest
	@CsvSource({ "2025, 17, 2025-04-21, 2025-04-27", "2025, 45, 2025-11-03, 2025-11-09",
			"2026, 17, 2026-04-20, 2026-04-26", "2026, 45, 2026-11-02, 2026-11-08",
			"2027, 17, 2027-04-26, 2027-05-02", "2027, 45, 2027-11-08, 2027-11-14",
			// 2026 has 53 ISO weeks, so 2027's weeks start later in the calendar than 2026's
			"2020, 45, 2020-11-02, 2020-11-08", "2021, 17, 2021-04-26, 2021-05-02" })
	void mondayAndSunday_matchIsoWeekDates(int year, int week, LocalDate monday, LocalDate sunday) {
		DanmarkSpiserSammenWeek dsm = new DanmarkSpiserSammenWeek(year, week);
		assertThat(dsm.monday()).isEqualTo(monday);
		assertThat(dsm.sunday()).isEqualTo(sunday);
	}

	@Test
	void containing_mondayMidnightDanishTimeInSummerTime_isWeek17() {
		// 00:00 Monday 26 April 2027 in Copenhagen (CEST, +02:00) is still Sunday 22:00 in UTC
		Instant startsAt = OffsetDateTime.parse("2027-04-26T00:00:00+02:00").toInstant();
		assertThat(DanmarkSpiserSammenWeek.containing(startsAt)).contains(new DanmarkSpiserSammenWeek(2027, 17));
	}

	@Test
	void containing_sundayLateEveningAfterWeek17_isNotInTheWeek() {
		Instant startsAt = OffsetDateTime.parse("2027-05-03T00:30:00+02:00").toInstant();
		assertThat(DanmarkSpiserSammenWeek.containing(startsAt)).isEmpty();
	}

	@Test
	void containing_sundayLastMinuteOfWeek45InWinterTime_isWeek45() {
		Instant startsAt = OffsetDateTime.parse("2027-11-14T23:59:00+01:00").toInstant();
		assertThat(DanmarkSpiserSammenWeek.containing(startsAt)).contains(new DanmarkSpiserSammenWeek(2027, 45));
	}

	@Test
	void containing_utcInstantThatIsMondayInDenmarkButSundayInUtc_usesDanishDate() {
		Instant sundayInUtc = Instant.parse("2027-11-07T23:30:00Z");
		assertThat(DanmarkSpiserSammenWeek.containing(sundayInUtc)).contains(new DanmarkSpiserSammenWeek(2027, 45));
	}

	@Test
	void containing_weekBeforeAndAfter_isEmpty() {
		assertThat(DanmarkSpiserSammenWeek.containing(Instant.parse("2027-04-25T12:00:00Z"))).isEmpty();
		assertThat(DanmarkSpiserSammenWeek.containing(Instant.parse("2027-11-15T12:00:00Z"))).isEmpty();
	}

	@Test
	void containing_daysAroundTheDstChange_workInBothDirections() {
		// Europe switches to winter time on the last Sunday of October; week 45 comes after it
		ZonedDateTime afterSwitch = ZonedDateTime.of(2026, 11, 2, 17, 30, 0, 0, DanmarkSpiserSammenWeek.DANISH_TIME);
		assertThat(afterSwitch.getOffset().getTotalSeconds()).isEqualTo(3600);
		assertThat(DanmarkSpiserSammenWeek.containing(afterSwitch.toInstant()))
			.contains(new DanmarkSpiserSammenWeek(2026, 45));
	}

	@Test
	void containing_weekBasedYearDiffersFromCalendarYear_usesIsoWeekYear() {
		// 1 January 2027 is a Friday in ISO week 53 of 2026: not a Danmark Spiser Sammen week
		assertThat(DanmarkSpiserSammenWeek.containing(Instant.parse("2027-01-01T12:00:00Z"))).isEmpty();
	}

	@Test
	void new_weekOtherThan17Or45_isRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DanmarkSpiserSammenWeek(2027, 18));
	}

	@Test
	void upcoming_inDecember_startsWithNextYearsWeek17() {
		assertThat(DanmarkSpiserSammenWeek.upcoming(LocalDate.of(2026, 11, 23), 3)).containsExactly(
				new DanmarkSpiserSammenWeek(2027, 17), new DanmarkSpiserSammenWeek(2027, 45),
				new DanmarkSpiserSammenWeek(2028, 17));
	}

	@Test
	void upcoming_duringWeek45_includesTheCurrentWeek() {
		assertThat(DanmarkSpiserSammenWeek.upcoming(LocalDate.of(2026, 11, 8), 1))
			.containsExactly(new DanmarkSpiserSammenWeek(2026, 45));
	}

	@Test
	void startsAtAndEndsBefore_spanSevenDanishDays() {
		DanmarkSpiserSammenWeek week = new DanmarkSpiserSammenWeek(2027, 17);
		assertThat(week.startsAt()).isEqualTo(Instant.parse("2027-04-25T22:00:00Z"));
		assertThat(week.endsBefore()).isEqualTo(Instant.parse("2027-05-02T22:00:00Z"));
	}

}
