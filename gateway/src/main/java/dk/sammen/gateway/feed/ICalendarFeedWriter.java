package dk.sammen.gateway.feed;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Geo;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.jspecify.annotations.Nullable;

import dk.sammen.gateway.feed.FeedItem.Place;
import org.springframework.http.MediaType;

/**
 * RFC 5545, so that people can subscribe to a filtered feed in their calendar app. Times are
 * local Danish times with the Europe/Copenhagen VTIMEZONE, which keeps them right across DST in
 * every client; UID and SEQUENCE let a client replace an item it already has when it changes.
 * Recurring offers are written once with their rule rather than as copies.
 */
final class ICalendarFeedWriter implements FeedWriter {

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

	private static final String ZONE = "Europe/Copenhagen";

	private static final ZoneId DANISH_TIME = ZoneId.of(ZONE);

	/**
	 * Denmark's rules since 1996 (the EU's: summer time from the last Sunday of March to the last
	 * Sunday of October). ical4j's bundled tzurl.org data names this zone Europe/Berlin, which
	 * clients cannot match with the TZID of the times.
	 */
	private static final String VTIMEZONE = """
			BEGIN:VCALENDAR
			VERSION:2.0
			PRODID:-//Sammen//Feed//DA
			BEGIN:VTIMEZONE
			TZID:Europe/Copenhagen
			X-LIC-LOCATION:Europe/Copenhagen
			BEGIN:DAYLIGHT
			TZNAME:CEST
			TZOFFSETFROM:+0100
			TZOFFSETTO:+0200
			DTSTART:19960331T020000
			RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
			END:DAYLIGHT
			BEGIN:STANDARD
			TZNAME:CET
			TZOFFSETFROM:+0200
			TZOFFSETTO:+0100
			DTSTART:19961027T030000
			RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
			END:STANDARD
			END:VTIMEZONE
			END:VCALENDAR
			""".replace("\n", "\r\n");

	private final VTimeZone zone;

	ICalendarFeedWriter() {
		try {
			Calendar calendar = new CalendarBuilder().build(new StringReader(VTIMEZONE));
			this.zone = calendar.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow();
		}
		catch (IOException | ParserException ex) {
			throw new IllegalStateException("The Europe/Copenhagen VTIMEZONE does not parse", ex);
		}
	}

	@Override
	public MediaType mediaType() {
		return TEXT_CALENDAR;
	}

	@Override
	public String format() {
		return "ics";
	}

	@Override
	public byte[] write(FeedPage page, URI self) {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId("-//Sammen//Feed//DA"));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		calendar.add(ImmutableMethod.PUBLISH);
		calendar.add(new XProperty("X-WR-CALNAME", "Sammen"));
		calendar.add(new XProperty("X-WR-TIMEZONE", ZONE));
		calendar.add(this.zone);
		Set<String> series = new HashSet<>();
		for (FeedItem item : page.items()) {
			if (item.series() == null) {
				calendar.add(event(item));
			}
			else if (series.add(item.uid())) {
				// a series once, with its rule, however many of its occurrences the page holds
				series(item, item.series()).forEach(calendar::add);
			}
		}
		StringWriter out = new StringWriter();
		try {
			// unvalidated: the calendar is built from checked data here, and validation costs every request
			new CalendarOutputter(false).output(calendar, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private VEvent event(FeedItem item) {
		return event(item, local(item.startsAt()), (item.endsAt() != null) ? local(item.endsAt()) : null,
				item.cancelled());
	}

	/**
	 * A recurring offer as RFC 5545 has it: one event from the first occurrence with RRULE and
	 * EXDATE, and for each occurrence called off an override (RECURRENCE-ID) marked cancelled, so
	 * a calendar shows the day struck through rather than silently missing.
	 */
	private List<VEvent> series(FeedItem item, FeedItem.Series series) {
		List<VEvent> events = new ArrayList<>();
		VEvent master = event(item, local(series.firstStartsAt()), local(series.firstEndsAt()),
				item.seriesCancelled());
		master.add(new RRule<ZonedDateTime>(series.rrule()));
		if (!series.exdates().isEmpty()) {
			master.add(new ExDate<>(new ParameterList(List.of(new TzId(ZONE))),
					new DateList<>(series.exdates().stream().map(series::startOn).toList())));
		}
		events.add(master);
		for (LocalDate day : series.cancelled()) {
			ZonedDateTime start = series.startOn(day);
			VEvent cancelled = event(item, start, start.plus(series.length()), true);
			cancelled.add(new RecurrenceId<>(start));
			events.add(cancelled);
		}
		return events;
	}

	private VEvent event(FeedItem item, ZonedDateTime startsAt, @Nullable ZonedDateTime endsAt, boolean cancelled) {
		VEvent event = new VEvent(false);
		event.add(new Uid(item.uid()));
		event.add(new DtStamp(item.updatedAt()));
		event.add(new DtStart<>(startsAt));
		if (endsAt != null) {
			event.add(new DtEnd<>(endsAt));
		}
		event.add(new Summary(item.title()));
		String description = item.welcome().before(item.plainDescription());
		if (!description.isEmpty()) {
			event.add(new Description(description));
		}
		Place place = item.place();
		if (place != null) {
			if (!place.text().isEmpty()) {
				event.add(new Location(place.text()));
			}
			if (place.lat() != null && place.lon() != null) {
				event.add(new Geo(BigDecimal.valueOf(place.lat()), BigDecimal.valueOf(place.lon())));
			}
		}
		else if (item.onlineUrl() != null) {
			event.add(new Location(item.onlineUrl()));
		}
		URI url = uri(item.url());
		if (url != null) {
			event.add(new Url(url));
		}
		event.add(new Status(cancelled ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
		event.add(new Sequence((int) Math.min(Integer.MAX_VALUE, Math.max(0, item.version()))));
		return event;
	}

	private static ZonedDateTime local(OffsetDateTime time) {
		return time.atZoneSameInstant(DANISH_TIME);
	}

	private static @Nullable URI uri(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
