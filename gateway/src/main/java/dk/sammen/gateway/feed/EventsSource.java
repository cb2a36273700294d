package dk.sammen.gateway.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.gateway.feed.FeedItem.Kind;
import dk.sammen.gateway.feed.FeedItem.Place;
import dk.sammen.gateway.feed.FeedItem.Position;
import dk.sammen.platform.web.KeysetCursor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * events-service's public listing, {@code GET /api/v1/events}: it applies every filter of the
 * contract itself.
 */
final class EventsSource implements FeedSource {

	static final String NAME = "events";

	private final SourceClient client;

	EventsSource(SourceClient client) {
		this.client = client;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean answers(FeedQuery query) {
		return true;
	}

	@Override
	public Mono<SourcePage> fetch(FeedQuery query, @Nullable Position after, int limit) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>(query.filters());
		params.set("limit", Integer.toString(limit));
		if (after != null) {
			params.set("cursor", cursor(after));
		}
		return this.client.get("/api/v1/events", params, Listing.class)
			.map((listing) -> new SourcePage(listing.items().stream().map(Event::toItem).toList(),
					listing.nextCursor() != null));
	}

	/** An event from its CloudEvent snapshot, the same item the listing gives for it. */
	static FeedItem item(EventSnapshotV1 event) {
		EventSnapshotV1.LocationV1 location = event.location();
		Place place = (location != null) ? new Place(location.venue(), location.street(), location.postalCode(),
				location.city(), location.lat(), location.lon()) : null;
		return new FeedItem(Kind.EVENT, event.id(), event.title(), event.description(),
				event.startsAt().atOffset(ZoneOffset.UTC), event.endsAt().atOffset(ZoneOffset.UTC), event.status(),
				event.programme(), (location != null) ? location.kommuneCode() : null, place,
				(event.online() != null) ? event.online().url() : null, event.organisationName(), event.priceDkk(),
				event.registrationUrl(), event.version(), event.updatedAt(),
				new FeedItem.Welcome(event.welcome(), event.welcomeNote(), event.transportNote()),
				(event.schedule() != null) ? series(event, event.schedule()) : null);
	}

	private static FeedItem.Series series(EventSnapshotV1 event, EventSnapshotV1.ScheduleV1 schedule) {
		return new FeedItem.Series(schedule.rrule(), schedule.exdates(),
				schedule.cancelled().stream().map(EventSnapshotV1.CancelledOccurrenceV1::date).toList(),
				event.startsAt().atOffset(ZoneOffset.UTC), event.endsAt().atOffset(ZoneOffset.UTC),
				(schedule.seriesEndsAt() != null) ? schedule.seriesEndsAt().atOffset(ZoneOffset.UTC) : null);
	}

	/**
	 * events-service's own cursor (its {@code KeysetCursor}) for the position after {@code after}:
	 * the feed may have served fewer of its items than it fetched, so it cannot reuse the
	 * {@code nextCursor} the service gave.
	 */
	static String cursor(Position after) {
		return new KeysetCursor(KeysetCursor.EVENTS, after.startsAt(), after.id()).encode();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Listing(List<Event> items, @Nullable String nextCursor) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Event(String id, String status, @Nullable String organisationName, long version,
			@Nullable OffsetDateTime updatedAt, String title, @Nullable String description, String programme,
			OffsetDateTime startsAt, OffsetDateTime endsAt, @Nullable Location location, @Nullable Online online,
			@Nullable Integer priceDkk, @Nullable String registrationUrl, @Nullable List<String> welcome,
			@Nullable String welcomeNote, @Nullable String transportNote, @Nullable Schedule schedule) {

		FeedItem toItem() {
			Place place = (this.location != null) ? new Place(this.location.venue(), this.location.street(),
					this.location.postalCode(), this.location.city(), this.location.lat(), this.location.lon())
					: null;
			Instant changed = (this.updatedAt != null) ? this.updatedAt.toInstant() : this.startsAt.toInstant();
			return new FeedItem(Kind.EVENT, this.id, this.title, (this.description != null) ? this.description : "",
					this.startsAt, this.endsAt, this.status, this.programme,
					(this.location != null) ? this.location.kommuneCode() : null, place,
					(this.online != null) ? this.online.url() : null, this.organisationName, this.priceDkk,
					this.registrationUrl, this.version, changed,
					new FeedItem.Welcome(this.welcome, this.welcomeNote, this.transportNote),
					(this.schedule != null) ? this.schedule.toSeries() : null);
		}

	}

	/** The series of a recurring offer, as events-service lists it with each occurrence. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Schedule(String rrule, @Nullable List<LocalDate> exdates, @Nullable List<Cancelled> cancelled,
			OffsetDateTime firstStartsAt, OffsetDateTime firstEndsAt, @Nullable OffsetDateTime seriesEndsAt) {

		FeedItem.Series toSeries() {
			return new FeedItem.Series(this.rrule, (this.exdates != null) ? this.exdates : List.of(),
					(this.cancelled != null) ? this.cancelled.stream().map(Cancelled::date).toList() : List.of(),
					this.firstStartsAt, this.firstEndsAt, this.seriesEndsAt);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Cancelled(LocalDate date) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Location(@Nullable String venue, @Nullable String street, @Nullable String postalCode,
			@Nullable String city, @Nullable String kommuneCode, @Nullable Double lat, @Nullable Double lon) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Online(String url) {
	}

}
