package dk.sammen.events.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * Reads events in {@code startsAt} order with keyset paging. Radius search narrows by a
 * latitude/longitude box in the store and keeps the exact great-circle test in code, since the
 * MongoDB-wire server has no geo queries; the same query is right on MongoDB.
 */
@Component
class EventListing {

	private static final String STARTS_AT = "details.startsAt";

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
		List<Criteria> criteria = new ArrayList<>();
		criteria.add(Criteria.where("status").in(Vocabulary.PUBLISHED, Vocabulary.CANCELLED));
		anyOf(criteria, "details.location.kommuneCode", query.kommuner());
		anyOf(criteria, "details.location.regionCode", query.regions());
		anyOf(criteria, "details.programme", query.programmes());
		anyOf(criteria, "details.campaign", query.campaigns());
		anyOf(criteria, "details.arenas", query.arenas());
		anyOf(criteria, "details.interventionTypes", query.interventionTypes());
		anyOf(criteria, "details.welcome", query.welcome());
		if (!query.targetGroups().isEmpty()) {
			// an event for everyone is for every target group too
			List<String> groups = new ArrayList<>(query.targetGroups());
			groups.add("alle");
			criteria.add(Criteria.where("details.targetGroups").in(groups));
		}
		criteria.add(Criteria.where("details.endsAt").gt((query.from() != null) ? query.from() : this.clock.instant()));
		if (query.to() != null) {
			criteria.add(Criteria.where(STARTS_AT).lt(query.to()));
		}
		if (Boolean.TRUE.equals(query.free())) {
			criteria.add(Criteria.where("details.priceDkk").is(0));
		}
		else if (Boolean.FALSE.equals(query.free())) {
			criteria.add(Criteria.where("details.priceDkk").gt(0));
		}
		if (Boolean.TRUE.equals(query.online())) {
			criteria.add(Criteria.where("details.online").ne(null));
		}
		else if (Boolean.FALSE.equals(query.online())) {
			criteria.add(Criteria.where("details.location").ne(null));
		}
		if (!query.words().isEmpty()) {
			criteria.add(Criteria.where("words").all(query.words()));
		}
		GeoPoint near = query.near();
		if (near != null) {
			GeoPoint.BoundingBox box = near.boxAround(query.radiusKm());
			criteria.add(Criteria.where("details.location.lat").gte(box.minLat()).lte(box.maxLat()));
			criteria.add(Criteria.where("details.location.lon").gte(box.minLon()).lte(box.maxLon()));
		}
		return page(criteria, query.cursor(), query.limit(), (event) -> near == null || within(event, near, query.radiusKm()));
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
		if (cursor != null) {
			criteria.add(new Criteria().orOperator(Criteria.where(STARTS_AT).gt(cursor.startsAt()),
					Criteria.where(STARTS_AT).is(cursor.startsAt()).and("_id").gt(cursor.id())));
		}
		Query query = Query.query(new Criteria().andOperator(criteria))
			.with(Sort.by(STARTS_AT).ascending().and(Sort.by("_id").ascending()))
			.cursorBatchSize(limit + 1);
		Flux<PartnerEvent> matching = this.mongo.find(query, PartnerEvent.class).filter(exactFilter);
		return matching.take(limit + 1L).collectList().map((events) -> {
			boolean more = events.size() > limit;
			List<PartnerEvent> served = more ? events.subList(0, limit) : events;
			String next = more ? new KeysetCursor(KeysetCursor.EVENTS, served.get(served.size() - 1).details().startsAt(),
					served.get(served.size() - 1).id()).encode() : null;
			return new Page(served.stream().map(EventResponse::of).toList(), next);
		});
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
