package dk.sammen.events.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.web.KeysetCursor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads events in {@code startsAt} order with keyset paging. Recurring offers are expanded into
 * their occurrences in the window and merged into the same order, so a page, its cursor and every
 * format downstream treat an occurrence like any event. Radius search narrows by a
 * latitude/longitude box in the store and keeps the exact great-circle test in code, since the
 * MongoDB-wire server has no geo queries; the same query is right on MongoDB.
 */
@Component
class EventListing {

	private static final String STARTS_AT = "details.startsAt";

	private static final String SCHEDULE = "details.schedule";

	private static final String SERIES_ENDS_AT = "details.schedule.seriesEndsAt";

	/** How far an open window looks for a series' next occurrences: no page of a listing reaches further. */
	private static final Duration OPEN_WINDOW = Duration.ofDays(10 * 366);

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	EventListing(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** A page of items and the cursor of the next page, if there is one. */
	record Page(List<EventResponse> items, @Nullable String nextCursor) {
	}

	Mono<Page> publicEvents(ListingQuery query) {
		Instant now = this.clock.instant();
		List<Criteria> filters = new ArrayList<>();
		filters.add(Criteria.where("status").in(Vocabulary.PUBLISHED, Vocabulary.CANCELLED));
		// an offer its organisation has not confirmed in time has left the public listing
		filters.add(new Criteria().orOperator(Criteria.where("freshness.hiddenAt").gt(now),
				Criteria.where("freshness").is(null)));
		anyOf(filters, "details.location.kommuneCode", query.kommuner());
		anyOf(filters, "details.location.regionCode", query.regions());
		anyOf(filters, "details.programme", query.programmes());
		anyOf(filters, "details.campaign", query.campaigns());
		anyOf(filters, "details.arenas", query.arenas());
		anyOf(filters, "details.interventionTypes", query.interventionTypes());
		anyOf(filters, "details.welcome", query.welcome());
		if (!query.targetGroups().isEmpty()) {
			// an event for everyone is for every target group too
			List<String> groups = new ArrayList<>(query.targetGroups());
			groups.add("alle");
			filters.add(Criteria.where("details.targetGroups").in(groups));
		}
		if (Boolean.TRUE.equals(query.free())) {
			filters.add(Criteria.where("details.priceDkk").is(0));
		}
		else if (Boolean.FALSE.equals(query.free())) {
			filters.add(Criteria.where("details.priceDkk").gt(0));
		}
		if (Boolean.TRUE.equals(query.online())) {
			filters.add(Criteria.where("details.online").ne(null));
		}
		else if (Boolean.FALSE.equals(query.online())) {
			filters.add(Criteria.where("details.location").ne(null));
		}
		if (!query.words().isEmpty()) {
			filters.add(Criteria.where("words").all(query.words()));
		}
		GeoPoint near = query.near();
		if (near != null) {
			GeoPoint.BoundingBox box = near.boxAround(query.radiusKm());
			filters.add(Criteria.where("details.location.lat").gte(box.minLat()).lte(box.maxLat()));
			filters.add(Criteria.where("details.location.lon").gte(box.minLon()).lte(box.maxLon()));
		}
		Predicate<PartnerEvent> exact = (event) -> near == null || within(event, near, query.radiusKm());
		Instant from = (query.from() != null) ? query.from() : now;
		Instant to = query.to();

		List<Criteria> once = new ArrayList<>(filters);
		once.add(Criteria.where(SCHEDULE).is(null));
		once.add(Criteria.where("details.endsAt").gt(from));
		if (to != null) {
			once.add(Criteria.where(STARTS_AT).lt(to));
		}
		Mono<List<Occurrence>> single = matching(once, query.cursor(), query.limit(), exact)
			.map((event) -> new Occurrence(event.details().startsAt(), event, false))
			.collectList();

		List<Criteria> series = new ArrayList<>(filters);
		series.add(Criteria.where(SCHEDULE).ne(null));
		series.add(new Criteria().orOperator(Criteria.where(SERIES_ENDS_AT).gt(from),
				Criteria.where(SERIES_ENDS_AT).is(null)));
		if (to != null) {
			series.add(Criteria.where(STARTS_AT).lt(to));
		}
		Mono<List<Occurrence>> repeated = this.mongo.find(Query.query(new Criteria().andOperator(series)), PartnerEvent.class)
			.filter(exact)
			.concatMapIterable((event) -> occurrences(event, from, to, query.cursor(), query.limit() + 1))
			.collectList();

		return Mono.zip(single, repeated).map((both) -> {
			List<Occurrence> all = new ArrayList<>(both.getT1());
			all.addAll(both.getT2());
			all.sort(Occurrence.ORDER);
			return page(all, query.limit());
		});
	}

	/**
	 * The occurrences of a recurring offer that end after {@code from}, start before {@code to}
	 * and come after the cursor, at most {@code max}: no page needs more of one series.
	 */
	private static List<Occurrence> occurrences(PartnerEvent event, Instant from, @Nullable Instant to,
			@Nullable KeysetCursor cursor, int max) {
		EventDetails details = event.details();
		EventDetails.Schedule schedule = Objects.requireNonNull(details.schedule());
		Duration length = Duration.between(details.startsAt(), details.endsAt());
		Instant start = from.minus(length).plusNanos(1);
		if (cursor != null && cursor.startsAt().isAfter(start)) {
			start = cursor.startsAt();
		}
		Instant end = (to != null) ? to : from.plus(OPEN_WINDOW);
		return schedule.recurrence()
			.starts(details.startsAt(), start, end, Set.copyOf(schedule.exdates()), max + 1)
			.stream()
			.filter((occurrence) -> cursor == null || occurrence.isAfter(cursor.startsAt())
					|| (occurrence.equals(cursor.startsAt()) && event.id().compareTo(cursor.id()) > 0))
			.limit(max)
			.map((occurrence) -> new Occurrence(occurrence, event, true))
			.toList();
	}

	/** An item of the public listing: an event, or one occurrence of a recurring offer. */
	private record Occurrence(Instant startsAt, PartnerEvent event, boolean ofSeries) {

		static final Comparator<Occurrence> ORDER = Comparator.comparing(Occurrence::startsAt)
			.thenComparing((occurrence) -> occurrence.event().id());

		EventResponse response() {
			return this.ofSeries ? EventResponse.occurrence(this.event, this.startsAt) : EventResponse.of(this.event);
		}

	}

	private static Page page(List<Occurrence> ordered, int limit) {
		boolean more = ordered.size() > limit;
		List<Occurrence> served = more ? ordered.subList(0, limit) : ordered;
		String next = null;
		if (more) {
			Occurrence last = served.get(served.size() - 1);
			next = new KeysetCursor(KeysetCursor.EVENTS, last.startsAt(), last.event().id()).encode();
		}
		return new Page(served.stream().map(Occurrence::response).toList(), next);
	}

	Mono<Page> ownEvents(String organisationId, @Nullable String status, @Nullable KeysetCursor cursor, int limit) {
		List<Criteria> criteria = new ArrayList<>();
		criteria.add(Criteria.where("organisationId").is(organisationId));
		// a deleted draft's tombstone is no event
		criteria.add((status != null) ? Criteria.where("status").is(status)
				: Criteria.where("status").ne(Vocabulary.DELETED));
		return page(criteria, cursor, limit, (event) -> true);
	}

	private Mono<Page> page(List<Criteria> criteria, @Nullable KeysetCursor cursor, int limit,
			Predicate<PartnerEvent> exactFilter) {
		return matching(criteria, cursor, limit, exactFilter)
			.map((event) -> new Occurrence(event.details().startsAt(), event, false))
			.collectList()
			.map((events) -> page(events, limit));
	}

	/** Up to {@code limit + 1} events in (startsAt, id) order after the cursor. */
	private Flux<PartnerEvent> matching(List<Criteria> criteria, @Nullable KeysetCursor cursor, int limit,
			Predicate<PartnerEvent> exactFilter) {
		List<Criteria> all = new ArrayList<>(criteria);
		if (cursor != null) {
			all.add(new Criteria().orOperator(Criteria.where(STARTS_AT).gt(cursor.startsAt()),
					Criteria.where(STARTS_AT).is(cursor.startsAt()).and("_id").gt(cursor.id())));
		}
		Query query = Query.query(new Criteria().andOperator(all))
			.with(Sort.by(STARTS_AT).ascending().and(Sort.by("_id").ascending()))
			.cursorBatchSize(limit + 1);
		return this.mongo.find(query, PartnerEvent.class).filter(exactFilter).take(limit + 1L);
	}

	private static void anyOf(List<Criteria> criteria, String field, List<String> values) {
		if (!values.isEmpty()) {
			criteria.add(Criteria.where(field).in(values));
		}
	}

	private static boolean within(PartnerEvent event, GeoPoint near, double radiusKm) {
		EventDetails.Place place = event.details().location();
		return place != null && place.lat() != null && place.lon() != null
				&& near.distanceKm(new GeoPoint(place.lat(), place.lon())) <= radiusKm;
	}

}
