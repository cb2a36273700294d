package dk.sammen.notification.edition;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;

/**
 * When the scheduled editions are due: the weekly digest on its day and time in Danish time, and
 * each Danmark Spiser Sammen announcement a set number of weeks before its week. An edition is due
 * from its time until {@code catchUp} later, so a replica that was down at the time still sends it.
 */
final class NewsletterSchedule {

	private final EditionProperties properties;

	NewsletterSchedule(EditionProperties properties) {
		this.properties = properties;
	}

	/** A scheduled edition: its id, kind, when it is due and what it covers. */
	record Due(String id, EditionKind kind, Instant at, EditionSpec spec) {
	}

	List<Due> dueAt(Instant now) {
		List<Due> due = new ArrayList<>();
		Instant digest = lastDigestAtOrBefore(now);
		if (within(digest, now)) {
			ZonedDateTime local = digest.atZone(this.properties.zone());
			due.add(new Due("weekly-digest-" + isoWeek(local.toLocalDate()), EditionKind.WEEKLY_DIGEST, digest,
					EditionSpec.period(digest, digest.plus(this.properties.digestPeriod()))));
		}
		LocalDate today = now.atZone(this.properties.zone()).toLocalDate();
		for (DanmarkSpiserSammenWeek week : DanmarkSpiserSammenWeek.upcoming(today, 2)) {
			Instant announcement = dsmAnnouncementOf(week);
			if (within(announcement, now)) {
				due.add(new Due("dsm-announcement-" + week.weekBasedYear() + "-W" + week.week(),
						EditionKind.DSM_ANNOUNCEMENT, announcement,
						EditionSpec.dsmWeek(week.weekBasedYear(), week.week())));
			}
		}
		return due;
	}

	/** When the announcement of {@code week} goes out. */
	Instant dsmAnnouncementOf(DanmarkSpiserSammenWeek week) {
		LocalDate day = week.monday()
			.minusWeeks(this.properties.dsmWeeksBefore())
			.with(TemporalAdjusters.nextOrSame(this.properties.dsmDay()));
		return at(day, this.properties.dsmTime());
	}

	private Instant lastDigestAtOrBefore(Instant now) {
		LocalDate today = now.atZone(this.properties.zone()).toLocalDate();
		DayOfWeek day = this.properties.digestDay();
		Instant candidate = at(today.with(TemporalAdjusters.previousOrSame(day)), this.properties.digestTime());
		return candidate.isAfter(now)
				? at(today.minusWeeks(1).with(TemporalAdjusters.nextOrSame(day)), this.properties.digestTime()) : candidate;
	}

	private Instant at(LocalDate day, LocalTime time) {
		// ZonedDateTime resolves a time in a DST gap or overlap the way people expect: the next valid instant
		return ZonedDateTime.of(day, time, this.properties.zone()).toInstant();
	}

	private boolean within(Instant at, Instant now) {
		return !now.isBefore(at) && Duration.between(at, now).compareTo(this.properties.catchUp()) < 0;
	}

	private static String isoWeek(LocalDate date) {
		return date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

}
