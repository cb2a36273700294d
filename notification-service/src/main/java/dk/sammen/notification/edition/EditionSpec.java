package dk.sammen.notification.edition;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What an edition is about; which fields are set depends on its kind.
 *
 * @param from start of the period a digest or campaign newsletter lists (weekly-digest, campaign)
 * @param to end of that period, exclusive
 * @param dsmYear ISO week-based year of the Danmark Spiser Sammen week (dsm-announcement)
 * @param dsmWeek 17 or 45 (dsm-announcement)
 * @param campaign campaign slug (campaign)
 * @param subject the administrator's subject (campaign)
 * @param body the administrator's text, plain (campaign)
 * @param eventId the newly published event (instant)
 * @param programme its programme (instant)
 * @param kommuneCode its kommune, null when online (instant)
 * @param regionCode its region, null when online (instant)
 */
public record EditionSpec(@Nullable Instant from, @Nullable Instant to, @Nullable Integer dsmYear,
		@Nullable Integer dsmWeek, @Nullable String campaign, @Nullable LocalizedText subject,
		@Nullable LocalizedText body, @Nullable String eventId, @Nullable String programme,
		@Nullable String kommuneCode, @Nullable String regionCode) {

	static EditionSpec period(Instant from, Instant to) {
		return new EditionSpec(from, to, null, null, null, null, null, null, null, null, null);
	}

	static EditionSpec dsmWeek(int year, int week) {
		return new EditionSpec(null, null, year, week, null, null, null, null, null, null, null);
	}

	static EditionSpec campaign(String campaign, LocalizedText subject, LocalizedText body, Instant from, Instant to) {
		return new EditionSpec(from, to, null, null, campaign, subject, body, null, null, null, null);
	}

	static EditionSpec event(String eventId, String programme, @Nullable String kommuneCode,
			@Nullable String regionCode) {
		return new EditionSpec(null, null, null, null, null, null, null, eventId, programme, kommuneCode, regionCode);
	}

}
