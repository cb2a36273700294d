package dk.sammen.campaign.participation;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The published Danmark Spiser Sammen meals of the read model, for the programme's weeks. */
@Component
public class PublishedMeals {

	private final ReactiveMongoTemplate mongo;

	PublishedMeals(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** A published meal: its week and region (null for a meal that is online only). */
	public record Meal(DanmarkSpiserSammenWeek week, @Nullable String regionCode) {
	}

	public Flux<Meal> in(Collection<DanmarkSpiserSammenWeek> weeks) {
		Query query = Query.query(Criteria.where("programme").is(ParticipationStore.DANMARK_SPISER_SAMMEN)
			.and("status").is("published")
			.and("dssWeek").in(weeks.stream().map(ParticipationStore::key).toList()));
		return this.mongo.find(query, Participation.class)
			.flatMap((p) -> Flux.fromStream(weeks.stream()
				.filter((week) -> ParticipationStore.key(week).equals(p.dssWeek()))
				.map((week) -> new Meal(week, p.regionCode()))));
	}

}
