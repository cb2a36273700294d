package dk.sammen.notification.edition;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule in Danish time, across years and daylight saving time. */
class NewsletterScheduleTests {

	private final NewsletterSchedule schedule = new NewsletterSchedule(new EditionProperties(
			ZoneId.of("Europe/Copenhagen"), DayOfWeek.THURSDAY, LocalTime.of(7, 0), Duration.ofDays(7), 2,
			DayOfWeek.MONDAY, LocalTime.of(9, 0), Duration.ofHours(12), Duration.ofMinutes(1), Duration.ofDays(30),
			500, Duration.ofSeconds(30), Duration.ofSeconds(5), 12, (short) 1));

	@ParameterizedTest
	@CsvSource({ "2026, 45, 2026-10-19T07:00:00Z", "2027, 17, 2027-04-12T07:00:00Z", "2027, 45, 2027-10-25T07:00:00Z",
			"2028, 17, 2028-04-10T07:00:00Z" })
	void announcesDanmarkSpiserSammen_mondayTwoWeeksBeforeAtNineDanishTime(int year, int week, Instant expected) {
		assertThat(this.schedule.dsmAnnouncementOf(new DanmarkSpiserSammenWeek(year, week))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "2026-10-19T06:59:59Z, false", "2026-10-19T07:00:00Z, true", "2026-10-19T18:59:59Z, true",
			"2026-10-19T19:00:00Z, false" })
	void dueDsmAnnouncement_fromItsTimeUntilCatchUpEnds(Instant now, boolean due) {
		assertThat(this.schedule.dueAt(now).stream().map(NewsletterSchedule.Due::id).toList())
			.as("due at %s", now)
			.matches((ids) -> ids.contains("dsm-announcement-2026-W45") == due);
	}

	@ParameterizedTest
	@CsvSource({ "2026-11-26T06:00:00Z, weekly-digest-2026-W48", "2027-06-03T05:00:00Z, weekly-digest-2027-W22",
			"2027-06-03T16:59:00Z, weekly-digest-2027-W22" })
	void dueWeeklyDigest_thursdaySevenDanishTimeInWinterAndSummer(Instant now, String id) {
		assertThat(this.schedule.dueAt(now)).extracting(NewsletterSchedule.Due::id).contains(id);
	}

	@ParameterizedTest
	@CsvSource({ "2026-11-26T05:59:59Z", "2027-06-03T04:59:59Z", "2027-06-03T17:00:00Z", "2027-06-07T05:00:00Z" })
	void noWeeklyDigest_beforeItsTimeOrAfterCatchUp(Instant now) {
		assertThat(this.schedule.dueAt(now)).extracting(NewsletterSchedule.Due::kind)
			.doesNotContain(EditionKind.WEEKLY_DIGEST);
	}

	@ParameterizedTest
	@CsvSource({ "2026-11-26T06:00:00Z, 2026-12-03T06:00:00Z" })
	void coversSevenDays_inWeeklyDigest(Instant now, Instant to) {
		NewsletterSchedule.Due due = this.schedule.dueAt(now).getFirst();
		assertThat(due.spec().from()).isEqualTo(now);
		assertThat(due.spec().to()).isEqualTo(to);
	}

}
