package dk.sammen.notification.subscription;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Read access to subscribers for the newsletters. */
@Component
public class SubscriberDirectory {

	private final ReactiveMongoTemplate mongo;

	SubscriberDirectory(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The subscriber as stored now, or empty when erased. */
	public Mono<Subscriber> find(String subscriberId) {
		return this.mongo.findById(subscriberId, Subscriber.class);
	}

	/**
	 * Confirmed subscribers with an id after {@code afterId}, in id order: a stable walk through all of
	 * them that can stop and resume anywhere.
	 */
	public Flux<Subscriber> confirmedAfter(@Nullable String afterId, int limit) {
		Criteria criteria = Criteria.where("status").is(SubscriberStatus.CONFIRMED);
		if (afterId != null) {
			criteria = criteria.and("_id").gt(afterId);
		}
		return this.mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), Subscriber.class);
	}

}
