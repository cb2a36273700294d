package dk.sammen.platform.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecurrenceTests {

	private static Instant danish(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toInstant();
	}

	private static List<String> local(List<Instant> starts) {
		return starts.stream()
			.map((start) -> start.atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toLocalDateTime().toString())
			.toList();
	}

	@Test
	void starts_weeklyAcrossSpringDst_keepLocalTime() {
		Recurrence tuesdays = Recurrence.of("FREQ=WEEKLY;BYDAY=TU", null);
		// summer time begins Sunday 28 March 2027
		List<Instant> starts = tuesdays.starts(danish("2027-03-16T10:00"), danish("2027-03-15T00:00"),
				danish("2027-04-07T00:00"), Set.of(), 10);
		assertThat(local(starts)).containsExactly("2027-03-16T10:00", "2027-03-23T10:00", "2027-03-30T10:00",
				"2027-04-06T10:00");
		assertThat(starts.get(1).atZone(DanmarkSpiserSammenWeek.DANISH_TIME).getOffset().getTotalSeconds())
			.isEqualTo(3600);
		assertThat(starts.get(2).atZone(DanmarkSpiserSammenWeek.DANISH_TIME).getOffset().getTotalSeconds())
			.isEqualTo(7200);
		assertThat(starts.get(2).toString()).isEqualTo("2027-03-30T08:00:00Z");
	}

	@Test
	void starts_weeklyAcrossAutumnDstAndNewYear_keepLocalTime() {
		Recurrence thursdays = Recurrence.of("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", null);
		// winter time begins Sunday 25 October 2026; the series runs into 2027
		List<Instant> starts = thursdays.starts(danish("2026-10-15T18:30"), danish("2026-10-01T00:00"),
				danish("2027-01-31T00:00"), Set.of(), 20);
		assertThat(local(starts)).containsExactly("2026-10-15T18:30", "2026-10-29T18:30", "2026-11-12T18:30",
				"2026-11-26T18:30", "2026-12-10T18:30", "2026-12-24T18:30", "2027-01-07T18:30", "2027-01-21T18:30");
		assertThat(starts.get(1).toString()).isEqualTo("2026-10-29T17:30:00Z");
		assertThat(starts.get(0).toString()).isEqualTo("2026-10-15T16:30:00Z");
	}

	@Test
	void starts_monthlyLastFriday_acrossYears() {
		Recurrence lastFriday = Recurrence.of("FREQ=MONTHLY;BYDAY=-1FR", null);
		List<Instant> starts = lastFriday.starts(danish("2026-11-27T17:00"), danish("2026-11-01T00:00"),
				danish("2027-05-01T00:00"), Set.of(), 20);
		assertThat(local(starts)).containsExactly("2026-11-27T17:00", "2026-12-25T17:00", "2027-01-29T17:00",
				"2027-02-26T17:00", "2027-03-26T17:00", "2027-04-30T17:00");
	}

	@Test
	void starts_exceptDates_areLeftOut() {
		Recurrence tuesdays = Recurrence.of("FREQ=WEEKLY;BYDAY=TU", null);
		List<Instant> starts = tuesdays.starts(danish("2026-12-01T10:00"), danish("2026-12-01T00:00"),
				danish("2027-01-13T00:00"), Set.of(LocalDate.parse("2026-12-22"), LocalDate.parse("2026-12-29")), 10);
		assertThat(local(starts)).containsExactly("2026-12-01T10:00", "2026-12-08T10:00", "2026-12-15T10:00",
				"2027-01-05T10:00", "2027-01-12T10:00");
	}

	@Test
	void starts_windowAfterFirst_countsFromTheFirstOccurrence() {
		Recurrence five = Recurrence.of("FREQ=WEEKLY;BYDAY=MO;COUNT=5", null);
		List<Instant> starts = five.starts(danish("2027-01-04T09:00"), danish("2027-01-20T00:00"),
				danish("2027-12-31T00:00"), Set.of(), 10);
		assertThat(local(starts)).containsExactly("2027-01-25T09:00", "2027-02-01T09:00");
		assertThat(five.lastStart(danish("2027-01-04T09:00"))).contains(danish("2027-02-01T09:00"));
	}

	@Test
	void starts_max_limitsTheAnswer() {
		Recurrence weekly = Recurrence.of("FREQ=WEEKLY;BYDAY=MO,WE,FR", null);
		assertThat(weekly.starts(danish("2027-01-04T09:00"), danish("2027-01-04T00:00"), danish("2030-01-01T00:00"),
				Set.of(), 4)).hasSize(4);
	}

	@Test
	void of_untilDate_endsAtTheEndOfThatDanishDay() {
		Recurrence untilSummer = Recurrence.of("FREQ=WEEKLY;BYDAY=TU", LocalDate.parse("2027-06-29"));
		assertThat(untilSummer.rule()).isEqualTo("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T215959Z");
		assertThat(untilSummer.lastStart(danish("2027-06-01T19:00"))).contains(danish("2027-06-29T19:00"));
		assertThat(untilSummer.isBounded()).isTrue();
	}

	@Test
	void of_untilDateInTheRule_isReadAsADanishDay() {
		Recurrence rule = Recurrence.of("freq=weekly;byday=we;until=20270106", null);
		assertThat(rule.rule()).isEqualTo("FREQ=WEEKLY;BYDAY=WE;UNTIL=20270106T225959Z");
		assertThat(rule.until()).contains(Instant.parse("2027-01-06T22:59:59Z"));
	}

	@Test
	void lastStart_openSeries_isEmpty() {
		assertThat(Recurrence.of("FREQ=MONTHLY;BYMONTHDAY=1", null).lastStart(danish("2027-01-01T12:00"))).isEmpty();
	}

	@Test
	void isOccurrence_startNotOnTheRule_isFalse() {
		Recurrence tuesdays = Recurrence.of("FREQ=WEEKLY;BYDAY=TU", null);
		Instant wednesday = danish("2027-03-17T10:00");
		assertThat(tuesdays.isOccurrence(wednesday, wednesday)).isFalse();
		Instant tuesday = danish("2027-03-16T10:00");
		assertThat(tuesdays.isOccurrence(tuesday, tuesday)).isTrue();
	}

	@Test
	void weekdays_monthlyWithOrdinal_nameTheDay() {
		assertThat(Recurrence.of("FREQ=MONTHLY;BYDAY=1TU,-1FR", null).weekdays())
			.containsExactly(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "FREQ=DAILY", "FREQ=YEARLY;BYMONTH=3", "BYDAY=TU", "FREQ=WEEKLY;BYDAY=1TU",
			"FREQ=WEEKLY;BYDAY=TU,TU", "FREQ=WEEKLY;BYDAY=XX", "FREQ=MONTHLY;BYDAY=0TU", "FREQ=MONTHLY;BYDAY=6TU",
			"FREQ=WEEKLY;BYMONTHDAY=3", "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=MONTHLY;BYMONTHDAY=32",
			"FREQ=WEEKLY;COUNT=0", "FREQ=WEEKLY;COUNT=1001", "FREQ=WEEKLY;INTERVAL=13", "FREQ=WEEKLY;INTERVAL=x",
			"FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "FREQ=WEEKLY;UNTIL=2027-01-01", "FREQ=WEEKLY;BYHOUR=10",
			"FREQ=WEEKLY;FREQ=WEEKLY", "FREQ=WEEKLY;;BYDAY=TU", "FREQ=WEEKLY;BYSETPOS=1", "FREQ=WEEKLY;WKST=XX" })
	void of_unsupportedOrBrokenRule_isRefused(String rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> Recurrence.of(rule, null)).withMessageNotContaining("null");
	}

	@Test
	void of_untilTwice_isRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Recurrence.of("FREQ=WEEKLY;UNTIL=20270101", LocalDate.parse("2027-02-01")))
			.withMessageContaining("not both");
	}

	@Test
	void starts_sameInstantAsZonedSeed_isFirst() {
		Instant first = ZonedDateTime.parse("2027-10-26T10:00+01:00[Europe/Copenhagen]").toInstant();
		assertThat(Recurrence.of("FREQ=WEEKLY;BYDAY=TU", null).starts(first, first, first.plusSeconds(1), Set.of(), 1))
			.containsExactly(first);
	}

}
