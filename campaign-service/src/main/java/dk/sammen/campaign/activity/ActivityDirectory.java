package dk.sammen.campaign.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** What other features read about activities: the public ones of a campaign, for its figures. */
@Component
public class ActivityDirectory {

	private final ReactiveMongoTemplate mongo;

	ActivityDirectory(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * A public activity, reduced to what campaign figures count.
	 *
	 * @param kommuneCode null when nationwide
	 * @param startsAt when it starts
	 * @param over when it ends, or when it starts if it has no end
	 */
	public record PublicActivity(String id, boolean cancelled, @Nullable String kommuneCode,
			@Nullable String regionCode, Instant startsAt, Instant over) {
	}

	public Flux<PublicActivity> publicActivities(String campaign) {
		Query query = Query.query(Criteria.where("campaign").is(campaign)
			.and("status").in(ActivityVocabulary.PUBLISHED, ActivityVocabulary.CANCELLED));
		return this.mongo.find(query, CampaignActivity.class)
			.map((activity) -> new PublicActivity(activity.id(), ActivityVocabulary.CANCELLED.equals(activity.status()),
					activity.details().kommuneCode(), activity.details().regionCode(), activity.details().startsAt(),
					activity.endsAt()));
	}

}
