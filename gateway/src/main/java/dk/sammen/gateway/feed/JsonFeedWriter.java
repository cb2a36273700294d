package dk.sammen.gateway.feed;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;
import org.springframework.http.MediaType;

/** The contract's JSON (CONTRACT section 5). */
final class JsonFeedWriter implements FeedWriter {

	private final JsonMapper jsonMapper;

	private final Kommuner kommuner;

	JsonFeedWriter(JsonMapper jsonMapper, Kommuner kommuner) {
		this.jsonMapper = jsonMapper;
		this.kommuner = kommuner;
	}

	@Override
	public MediaType mediaType() {
		return MediaType.APPLICATION_JSON;
	}

	@Override
	public String format() {
		return "json";
	}

	@Override
	public byte[] write(FeedPage page, URI self) {
		List<Item> items = page.items().stream().map(this::item).toList();
		return this.jsonMapper.writeValueAsBytes(new Feed(items, page.nextCursor(), page.partial(), page.sources()));
	}

	/** One item as the JSON feed shows it; the stream sends the same. */
	Item item(FeedItem item) {
		String code = item.kommuneCode();
		KommuneRef kommune = (code != null)
				? new KommuneRef(code, this.kommuner.byCode(code).map(Kommune::name).orElse(null)) : null;
		return new Item(item.kind().slug(), item.id(), item.title(), time(item.startsAt()),
				(item.endsAt() != null) ? time(item.endsAt()) : null, item.status(), item.programme(), kommune,
				item.url(), item.welcome().flags(), item.welcome().note(), item.welcome().transportNote(),
				(item.series() != null) ? Schedule.of(item.series()) : null);
	}

	/** Always with seconds, as RFC 3339 wants; {@code OffsetDateTime.toString()} drops zero seconds. */
	static String time(OffsetDateTime time) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
	}

	record Feed(List<Item> items, @Nullable String nextCursor, boolean partial, Map<String, String> sources) {
	}

	record Item(String kind, String id, String title, String startsAt, @Nullable String endsAt, String status,
			String programme, @Nullable KommuneRef kommune, @Nullable String url, List<String> welcome,
			@Nullable String welcomeNote, @Nullable String transportNote, @Nullable Schedule schedule) {
	}

	/** For an occurrence of a recurring offer: the series it belongs to. */
	record Schedule(String rrule, List<LocalDate> exdates, List<LocalDate> cancelled, String firstStartsAt,
			@Nullable String seriesEndsAt) {

		static Schedule of(FeedItem.Series series) {
			return new Schedule(series.rrule(), series.exdates(), series.cancelled(), time(series.firstStartsAt()),
					(series.seriesEndsAt() != null) ? time(series.seriesEndsAt()) : null);
		}

	}

	record KommuneRef(String code, @Nullable String name) {
	}

}
