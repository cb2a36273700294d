package dk.sammen.notification.upcoming;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dk.sammen.platform.readmodel.SnapshotUpserts;

/**
 * The read model: applies snapshots idempotently and answers the questions letters ask. Each
 * snapshot is one single-document upsert guarded by its version, so a redelivery or an overtaken
 * snapshot changes nothing.
 */
@Component
public class UpcomingItems {

	/** More than any one letter lists; a letter shows the first ones by start. */
	static final int MOST = 200;

	private final ReactiveMongoTemplate mongo;

	private final SnapshotUpserts upserts;

	UpcomingItems(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
		this.upserts = new SnapshotUpserts(mongo);
	}

	Mono<SnapshotUpserts.Outcome> apply(UpcomingItem item) {
		return this.upserts.apply(item, item.id(), item.version(), item.ceId());
	}

	public Mono<UpcomingItem> event(String eventId) {
		return this.mongo.findById("event:" + eventId, UpcomingItem.class);
	}

	/**
	 * Published items starting in {@code [from, to)}, by start, optionally of one programme and one
	 * kind; the caller picks what fits a subscriber.
	 */
	public Flux<UpcomingItem> published(Instant from, Instant to, @Nullable String programme, @Nullable String kind) {
		Criteria criteria = Criteria.where("status").is("published").and("startsAt").gte(from).lt(to);
		if (programme != null) {
			criteria = criteria.and("programme").is(programme);
		}
		if (kind != null) {
			criteria = criteria.and("kind").is(kind);
		}
		return this.mongo.find(Query.query(criteria).with(Sort.by("startsAt", "_id")).limit(MOST), UpcomingItem.class);
	}

	/** The same, collected: letters are composed on worker threads and need the whole list. */
	public Mono<List<UpcomingItem>> publishedList(Instant from, Instant to, @Nullable String programme,
			@Nullable String kind) {
		return published(from, to, programme, kind).collectList();
	}

}
