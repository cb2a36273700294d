package dk.sammen.campaign.activity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.web.KeysetCursor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads public activities in {@code startsAt} order with keyset paging. */
@Component
class ActivityListing {

	private static final String STARTS_AT = "details.startsAt";

	private final ReactiveMongoTemplate mongo;

	private final Kommuner kommuner;

	private final Clock clock;

	ActivityListing(ReactiveMongoTemplate mongo, Kommuner kommuner, Clock clock) {
		this.mongo = mongo;
		this.kommuner = kommuner;
		this.clock = clock;
	}

	/** A page of items and the cursor of the next page, if there is one. */
	record Page(List<ActivityResponse> items, @Nullable String nextCursor) {
	}

	Mono<Page> publicActivities(ActivityQuery query) {
		List<Criteria> criteria = new ArrayList<>();
		criteria.add(Criteria.where("status").in(ActivityVocabulary.PUBLISHED, ActivityVocabulary.CANCELLED));
		if (!query.campaigns().isEmpty()) {
			criteria.add(Criteria.where("campaign").in(query.campaigns()));
		}
		if (!query.kinds().isEmpty()) {
			criteria.add(Criteria.where("details.kind").in(query.kinds()));
		}
		if (!query.kommuner().isEmpty()) {
			List<@Nullable String> codes = new ArrayList<>(query.kommuner());
			codes.add(null);
			criteria.add(Criteria.where("details.kommuneCode").in(codes));
		}
		if (!query.regions().isEmpty()) {
			List<@Nullable String> codes = new ArrayList<>(query.regions());
			codes.add(null);
			criteria.add(Criteria.where("details.regionCode").in(codes));
		}
		// an activity without an end is over once it started
		criteria.add(Criteria.where("endsAt").gte((query.from() != null) ? query.from() : this.clock.instant()));
		if (query.to() != null) {
			criteria.add(Criteria.where(STARTS_AT).lt(query.to()));
		}
		KeysetCursor cursor = query.cursor();
		if (cursor != null) {
			criteria.add(new Criteria().orOperator(Criteria.where(STARTS_AT).gt(cursor.startsAt()),
					Criteria.where(STARTS_AT).is(cursor.startsAt()).and("_id").gt(cursor.id())));
		}
		int limit = query.limit();
		Query mongoQuery = Query.query(new Criteria().andOperator(criteria))
			.with(Sort.by(STARTS_AT).ascending().and(Sort.by("_id").ascending()))
			.limit(limit + 1);
		return this.mongo.find(mongoQuery, CampaignActivity.class).collectList().map((activities) -> {
			boolean more = activities.size() > limit;
			List<CampaignActivity> served = more ? activities.subList(0, limit) : activities;
			CampaignActivity last = served.isEmpty() ? null : served.get(served.size() - 1);
			String next = (more && last != null) ? new KeysetCursor(KeysetCursor.ACTIVITIES, last.details().startsAt(), last.id()).encode()
					: null;
			return new Page(served.stream().map((activity) -> ActivityResponse.of(activity, this.kommuner)).toList(),
					next);
		});
	}

}
