package dk.sammen.notification.upcoming;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.platform.schedule.Recurrence;
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
	 * kind; the caller picks what fits a subscriber. A recurring offer appears once per occurrence
	 * in the window (skipped and called-off days left out); an offer its organisation has let go
	 * stale past {@code from} is left out, as the public listing leaves it out.
	 */
	public Flux<UpcomingItem> published(Instant from, Instant to, @Nullable String programme, @Nullable String kind) {
		Criteria base = Criteria.where("status").is("published");
		if (programme != null) {
			base = base.and("programme").is(programme);
		}
		if (kind != null) {
			base = base.and("kind").is(kind);
		}
		Criteria fresh = new Criteria().orOperator(Criteria.where("visibleUntil").gt(from),
				Criteria.where("visibleUntil").is(null));
		Query once = Query
			.query(new Criteria().andOperator(base, fresh, Criteria.where("series").is(null),
					Criteria.where("startsAt").gte(from).lt(to)))
			.with(Sort.by("startsAt", "_id"))
			.limit(MOST);
		Query repeated = Query.query(new Criteria().andOperator(base, fresh, Criteria.where("series").ne(null),
				Criteria.where("startsAt").lt(to), new Criteria().orOperator(Criteria.where("series.endsAt").gt(from),
						Criteria.where("series.endsAt").is(null))));
		Flux<UpcomingItem> occurrences = this.mongo.find(repeated, UpcomingItem.class)
			.concatMapIterable((item) -> occurrences(item, from, to));
		return Flux.merge(this.mongo.find(once, UpcomingItem.class), occurrences)
			.sort(Comparator.comparing(UpcomingItem::startsAt).thenComparing(UpcomingItem::id))
			.take(MOST);
	}

	private static List<UpcomingItem> occurrences(UpcomingItem item, Instant from, Instant to) {
		UpcomingItem.Series series = Objects.requireNonNull(item.series());
		return new Recurrence(series.rrule())
			.starts(item.startsAt(), from, to, Set.copyOf(series.skipped()), MOST)
			.stream()
			.map(item::at)
			.toList();
	}

	/** The same, collected: letters are composed on worker threads and need the whole list. */
	public Mono<List<UpcomingItem>> publishedList(Instant from, Instant to, @Nullable String programme,
			@Nullable String kind) {
		return published(from, to, programme, kind).collectList();
	}

}
