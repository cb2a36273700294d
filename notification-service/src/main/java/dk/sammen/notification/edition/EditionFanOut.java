package dk.sammen.notification.edition;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.notification.subscription.Subscriber;
import dk.sammen.notification.subscription.SubscriberDirectory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Queues one delivery task per targeted subscriber, a page at a time: the page's tasks are sent and
 * acknowledged by Kafka, then the cursor and the targeted count move on in one update under the
 * lease. A replica that dies mid-page leaves the cursor behind the page, so whoever resumes sends
 * that page again; the duplicates die at the delivery record, and nobody is left out.
 */
@Component
class EditionFanOut {

	private static final Log logger = LogFactory.getLog(EditionFanOut.class);

	private final ReactiveMongoTemplate mongo;

	private final SubscriberDirectory subscribers;

	private final DeliveryTasks tasks;

	private final EditionProperties properties;

	private final Clock clock;

	private final Counter queued;

	/** This replica, as lease owner. */
	private final String owner = UUID.randomUUID().toString();

	EditionFanOut(ReactiveMongoTemplate mongo, SubscriberDirectory subscribers, DeliveryTasks tasks,
			EditionProperties properties, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.subscribers = subscribers;
		this.tasks = tasks;
		this.properties = properties;
		this.clock = clock;
		this.queued = Counter.builder("sammen.notification.deliveries.queued")
			.description("Delivery tasks queued by edition fan-outs")
			.register(meters);
	}

	/** Runs the fan-out of {@code editionId} in the background, if no one else is running it. */
	void start(String editionId) {
		run(editionId).subscribe(null,
				(ex) -> logger.warn("Fan-out of " + editionId + " stopped; it resumes after its lease", ex));
	}

	/** Runs the fan-out to the end, or until the lease is lost; completes at once if someone else holds it. */
	Mono<Void> run(String editionId) {
		return claim(editionId).flatMap(this::pages);
	}

	private Mono<Edition> claim(String editionId) {
		Instant now = this.clock.instant();
		Query free = Query.query(Criteria.where("_id")
			.is(editionId)
			.and("status")
			.is(Edition.FANNING_OUT)
			.orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now)));
		return this.mongo.findAndModify(free,
				new Update().set("leaseUntil", now.plus(this.properties.fanOutLease())).set("leaseOwner", this.owner),
				FindAndModifyOptions.options().returnNew(true), Edition.class);
	}

	private Mono<Void> pages(Edition edition) {
		return this.subscribers.confirmedAfter(edition.cursor(), this.properties.fanOutPage())
			.collectList()
			.flatMap((page) -> page.isEmpty() ? finish(edition) : queue(edition, page).flatMap(this::pages));
	}

	private Mono<Edition> queue(Edition edition, List<Subscriber> page) {
		List<Subscriber> targeted = page.stream().filter(edition::targets).toList();
		// all of the page's tasks in flight at once, so the producer batches them; the cursor still moves
		// only once every one is acknowledged
		return Flux.fromIterable(targeted)
			.flatMap((subscriber) -> this.tasks.queue(edition.id(), edition.kind().slug(), subscriber.id())
				.doOnSuccess((queued) -> this.queued.increment()), Math.max(1, targeted.size()))
			.then(Mono.defer(() -> advance(edition, page.getLast().id(), targeted.size())));
	}

	/** Moves the cursor past the page under our lease; errors when another replica took over. */
	private Mono<Edition> advance(Edition edition, String cursor, int targeted) {
		Query ours = Query.query(Criteria.where("_id").is(edition.id()).and("leaseOwner").is(this.owner));
		Update update = new Update().set("cursor", cursor)
			.inc("targeted", targeted)
			.set("leaseUntil", this.clock.instant().plus(this.properties.fanOutLease()));
		return this.mongo.findAndModify(ours, update, FindAndModifyOptions.options().returnNew(true), Edition.class)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Lost the lease on " + edition.id())));
	}

	private Mono<Void> finish(Edition edition) {
		Query ours = Query.query(Criteria.where("_id").is(edition.id()).and("leaseOwner").is(this.owner));
		return this.mongo
			.updateFirst(ours, new Update().set("status", Edition.SENDING)
				.set("fannedOutAt", this.clock.instant())
				.unset("leaseUntil")
				.unset("leaseOwner"), Edition.class)
			.then();
	}

}
