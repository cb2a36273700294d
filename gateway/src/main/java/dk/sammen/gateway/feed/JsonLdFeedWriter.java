package dk.sammen.gateway.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.gateway.feed.FeedItem.Place;
import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import dk.sammen.platform.schedule.Recurrence;
import org.springframework.http.MediaType;

/**
 * A schema.org {@code ItemList} of {@code Event}s, which kommune and association websites can
 * embed so that search engines show the events.
 */
final class JsonLdFeedWriter implements FeedWriter {

	static final MediaType APPLICATION_LD_JSON = new MediaType("application", "ld+json");

	private static final String SCHEMA = "https://schema.org/";

	private final JsonMapper jsonMapper;

	private final Kommuner kommuner;

	JsonLdFeedWriter(JsonMapper jsonMapper, Kommuner kommuner) {
		this.jsonMapper = jsonMapper;
		this.kommuner = kommuner;
	}

	@Override
	public MediaType mediaType() {
		return APPLICATION_LD_JSON;
	}

	@Override
	public String format() {
		return "jsonld";
	}

	@Override
	public byte[] write(FeedPage page, URI self) {
		List<Map<String, Object>> elements = new ArrayList<>();
		for (FeedItem item : page.items()) {
			elements.add(node("ListItem", "position", elements.size() + 1, "item", event(item)));
		}
		Map<String, Object> list = new LinkedHashMap<>();
		list.put("@context", "https://schema.org");
		list.putAll(node("ItemList", "url", self.toString(), "numberOfItems", elements.size(), "itemListOrder",
				SCHEMA + "ItemListOrderAscending", "itemListElement", elements));
		return this.jsonMapper.writeValueAsBytes(list);
	}

	private Map<String, Object> event(FeedItem item) {
		Map<String, Object> event = node("Event", "identifier", item.uid(), "name", item.title(), "description",
				item.welcome().before(item.plainDescription()), "startDate", JsonFeedWriter.time(item.startsAt()));
		if (!item.welcome().flags().isEmpty()) {
			// schema.org has no property for how a newcomer is received; keywords is what search engines read
			event.put("keywords", String.join(", ", item.welcome().phrases()));
		}
		if (item.endsAt() != null) {
			event.put("endDate", JsonFeedWriter.time(item.endsAt()));
		}
		event.put("eventStatus", SCHEMA + (item.cancelled() ? "EventCancelled" : "EventScheduled"));
		if (item.series() != null) {
			event.put("eventSchedule", schedule(item.series()));
		}
		List<Map<String, Object>> locations = new ArrayList<>();
		Map<String, Object> place = place(item);
		if (place != null) {
			locations.add(place);
		}
		if (item.onlineUrl() != null) {
			locations.add(node("VirtualLocation", "url", item.onlineUrl()));
		}
		String mode = (place != null && item.onlineUrl() != null) ? "MixedEventAttendanceMode"
				: (item.onlineUrl() != null) ? "OnlineEventAttendanceMode" : "OfflineEventAttendanceMode";
		event.put("eventAttendanceMode", SCHEMA + mode);
		if (!locations.isEmpty()) {
			event.put("location", (locations.size() == 1) ? locations.get(0) : locations);
		}
		if (item.organizer() != null) {
			event.put("organizer", node("Organization", "name", item.organizer()));
		}
		if (item.priceDkk() != null) {
			Map<String, Object> offer = node("Offer", "price", item.priceDkk(), "priceCurrency", "DKK");
			if (item.url() != null) {
				offer.put("url", item.url());
			}
			event.put("offers", offer);
		}
		if (item.url() != null) {
			event.put("url", item.url());
		}
		return event;
	}

	/**
	 * schema.org {@code Schedule}: how often, on which days, at what Danish time, from when to
	 * when, and the days without an occurrence (excepted or called off).
	 */
	private static Map<String, Object> schedule(FeedItem.Series series) {
		Recurrence recurrence = series.recurrence();
		String unit = "WEEKLY".equals(recurrence.frequency()) ? "W" : "M";
		Map<String, Object> schedule = node("Schedule", "repeatFrequency", "P" + recurrence.interval() + unit,
				"scheduleTimezone", DanmarkSpiserSammenWeek.DANISH_TIME.getId(), "startDate",
				series.firstStartsAt().toLocalDate().toString(), "startTime",
				series.firstStartsAt().toLocalTime().toString(), "endTime", series.firstEndsAt().toLocalTime().toString());
		if (series.seriesEndsAt() != null) {
			schedule.put("endDate", series.seriesEndsAt().toLocalDate().toString());
		}
		if (!recurrence.weekdays().isEmpty()) {
			schedule.put("byDay", recurrence.weekdays()
				.stream()
				.map((day) -> SCHEMA + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
				.toList());
		}
		List<Integer> weeksOfMonth = recurrence.byDay()
			.stream()
			.filter((day) -> day.length() > 2)
			.map((day) -> Integer.valueOf(day.substring(0, day.length() - 2)))
			.toList();
		if (!weeksOfMonth.isEmpty()) {
			schedule.put("byMonthWeek", (weeksOfMonth.size() == 1) ? weeksOfMonth.get(0) : weeksOfMonth);
		}
		if (!recurrence.byMonthDay().isEmpty()) {
			schedule.put("byMonthDay", recurrence.byMonthDay());
		}
		recurrence.count().ifPresent((count) -> schedule.put("repeatCount", count));
		List<String> except = new ArrayList<>();
		series.exdates().forEach((day) -> except.add(day.toString()));
		series.cancelled().forEach((day) -> except.add(day.toString()));
		if (!except.isEmpty()) {
			schedule.put("exceptDate", except.stream().sorted().toList());
		}
		return schedule;
	}

	/** The venue with address and position; for an activity, at least its kommune. */
	private @Nullable Map<String, Object> place(FeedItem item) {
		Place place = item.place();
		String kommune = (item.kommuneCode() != null)
				? this.kommuner.byCode(item.kommuneCode()).map(Kommune::name).orElse(null) : null;
		if (place == null && kommune == null) {
			return null;
		}
		Map<String, Object> address = node("PostalAddress", "addressCountry", "DK");
		Map<String, Object> node = node("Place");
		if (place != null) {
			putIfPresent(node, "name", place.venue());
			putIfPresent(address, "streetAddress", place.street());
			putIfPresent(address, "postalCode", place.postalCode());
			putIfPresent(address, "addressLocality", place.city());
		}
		else {
			node.put("name", kommune);
		}
		putIfPresent(address, "addressRegion", kommune);
		node.put("address", address);
		if (place != null && place.lat() != null && place.lon() != null) {
			node.put("geo", node("GeoCoordinates", "latitude", place.lat(), "longitude", place.lon()));
		}
		return node;
	}

	private static Map<String, Object> node(String type, Object... properties) {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("@type", type);
		for (int i = 0; i < properties.length; i += 2) {
			node.put((String) properties[i], properties[i + 1]);
		}
		return node;
	}

	private static void putIfPresent(Map<String, Object> node, String name, @Nullable Object value) {
		if (value != null) {
			node.put(name, value);
		}
	}

}
