package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/** Small helpers for writing SVG by hand: escaping, numbers, Danish dates. */
final class Svg {

	static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	static final String FONT = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";

	private Svg() {
	}

	static String text(String value) {
		return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/** The Danish date of an instant; an exclusive end at midnight shows as the day before. */
	static LocalDate day(Instant instant, boolean exclusiveEnd) {
		ZonedDateTime local = instant.atZone(DANISH_TIME);
		LocalDate date = local.toLocalDate();
		return (exclusiveEnd && local.toLocalTime().equals(LocalTime.MIDNIGHT)) ? date.minusDays(1) : date;
	}

}
