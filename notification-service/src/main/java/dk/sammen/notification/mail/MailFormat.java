package dk.sammen.notification.mail;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

/**
 * Dates, times and places as a reader of one language expects them, e.g. "torsdag 29. april kl.
 * 17.30". The templates reach it as {@code fmt}, hence its public methods.
 */
final class MailFormat {

	static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	private final MessageSource messages;

	private final Locale locale;

	private final DateTimeFormatter dateTime;

	private final DateTimeFormatter date;

	private final DateTimeFormatter dateWithYear;

	private final DateTimeFormatter dayMonth;

	MailFormat(Language language, MessageSource messages) {
		this.messages = messages;
		this.locale = language.locale();
		this.dateTime = formatter(language == Language.DA ? "EEEE d. MMMM 'kl.' HH.mm" : "EEEE d MMMM 'at' HH:mm");
		this.date = formatter(language == Language.DA ? "EEEE d. MMMM" : "EEEE d MMMM");
		this.dateWithYear = formatter(language == Language.DA ? "EEEE d. MMMM yyyy" : "EEEE d MMMM yyyy");
		this.dayMonth = formatter(language == Language.DA ? "d. MMMM" : "d MMMM");
	}

	private DateTimeFormatter formatter(String pattern) {
		return DateTimeFormatter.ofPattern(pattern, this.locale);
	}

	/** In Danish time, whatever zone the caller used: the events happen in Denmark. */
	public String dateTime(ZonedDateTime at) {
		return this.dateTime.format(at.withZoneSameInstant(DANISH_TIME));
	}

	public String date(LocalDate day) {
		return this.date.format(day);
	}

	public String dateWithYear(LocalDate day) {
		return this.dateWithYear.format(day);
	}

	public String dayMonth(LocalDate day) {
		return this.dayMonth.format(day);
	}

	/** The venue, "online", or "nationwide" when an item names no place. */
	public String place(ListedItem item) {
		String where = item.where();
		if (where == null || where.isBlank()) {
			return message(item.online() ? "mail.item.online" : "mail.item.nationwide");
		}
		return item.online() ? message("mail.item.and-online", where) : where;
	}

	/** The link target, or null (no link) for anything but http and https, such as {@code javascript:}. */
	public @Nullable String href(@Nullable URI uri) {
		if (uri == null || uri.getScheme() == null) {
			return null;
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		return (scheme.equals("https") || scheme.equals("http")) ? uri.toString() : null;
	}

	public String message(String code, Object... args) {
		return this.messages.getMessage(code, args, this.locale);
	}

}
