package dk.sammen.systemtests.feed;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.jspecify.annotations.Nullable;

/** An RFC 5545 answer of the feed, read back with ical4j as a calendar app would read it. */
record CalendarFile(Calendar calendar) {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	static CalendarFile parse(String text) {
		try {
			return new CalendarFile(new CalendarBuilder().build(new StringReader(text)));
		}
		catch (IOException | ParserException ex) {
			throw new AssertionError("Not an iCalendar file: " + text, ex);
		}
	}

	List<VEvent> events() {
		return this.calendar.getComponents(Component.VEVENT);
	}

	List<String> uids() {
		return events().stream().map((event) -> event.getUid().orElseThrow().getValue()).toList();
	}

	VEvent event(String uid) {
		return events().stream()
			.filter((event) -> uid.equals(event.getUid().map(Property::getValue).orElse(null)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No VEVENT " + uid + " in " + uids()));
	}

	@Nullable String timeZoneId() {
		return this.calendar.<VTimeZone>getComponent(Component.VTIMEZONE)
			.map((zone) -> zone.getTimeZoneId().getValue())
			.orElse(null);
	}

	@Nullable String property(String name) {
		return this.calendar.getProperty(name).map(Property::getValue).orElse(null);
	}

	static @Nullable String property(VEvent event, String name) {
		return event.getProperty(name).map(Property::getValue).orElse(null);
	}

	/** The {@code TZID} parameter of {@code DTSTART}, or null for a UTC or floating time. */
	static @Nullable String startTimeZone(VEvent event) {
		return start(event).getParameter(Parameter.TZID).map(Parameter::getValue).orElse(null);
	}

	/** {@code DTSTART} as the wall-clock time written in the file. */
	static LocalDateTime localStart(VEvent event) {
		return LocalDateTime.parse(start(event).getValue(), LOCAL);
	}

	static Instant startInstant(VEvent event) {
		return Instant.from(start(event).getDate());
	}

	private static DtStart<?> start(VEvent event) {
		return event.<DtStart<?>>getProperty(Property.DTSTART)
			.orElseThrow(() -> new AssertionError("No DTSTART in " + event));
	}

}
