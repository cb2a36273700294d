package dk.sammen.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;


/**
 * Sends the pending {@link OutboxMessage}s of the configured collections to Kafka. Each pass
 * claims a batch of documents with a lease (so replicas share the work without sending the same
 * document concurrently), sends the batch's messages together, each document's in order, and pulls
 * exactly those the broker acknowledged. Writes wake it up at once; a timer covers everything
 * else, e.g. after a restart.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private final ReactiveMongoTemplate mongo;

	private final KafkaTemplate<String, CloudEvent> kafka;

	private final OutboxProperties properties;

	private final Clock clock;

	private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();

	private final Scheduler scheduler = Schedulers.newBoundedElastic(1, Integer.MAX_VALUE, "outbox-relay");

	private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> oldestAgeSeconds = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final Timer publishLatency;

	private final Counter failures;

	private volatile @Nullable Disposable loop;

	public OutboxRelay(ReactiveMongoTemplate mongo, KafkaTemplate<String, CloudEvent> kafka,
			OutboxProperties properties, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.publishLatency = Timer.builder("sammen.outbox.publish.latency")
			.description("From the change being stored to the broker acknowledging its CloudEvent")
			.publishPercentileHistogram()
			.register(meters);
		this.failures = Counter.builder("sammen.outbox.send.failures")
			.description("Attempts to send outbox messages that failed and will be retried")
			.register(meters);
		for (String collection : properties.collections()) {
			AtomicLong pending = this.backlog.computeIfAbsent(collection, (name) -> new AtomicLong());
			Gauge.builder("sammen.outbox.backlog", pending, AtomicLong::get)
				.description("Documents with messages not yet acknowledged by Kafka")
				.tag("collection", collection)
				.register(meters);
			AtomicLong age = this.oldestAgeSeconds.computeIfAbsent(collection, (name) -> new AtomicLong());
			Gauge.builder("sammen.outbox.oldest.age", age, AtomicLong::get)
				.description("Age in seconds of the oldest pending outbox message")
				.baseUnit("seconds")
				.tag("collection", collection)
				.register(meters);
		}
	}

	/** Asks for a pass soon; called after every write that added outbox messages. */
	public void wakeUp() {
		this.wakeUps.tryEmitNext(Boolean.TRUE);
	}

	/** One pass over every collection: sends until nothing claimable is pending. */
	public Mono<Long> drain() {
		return Flux.fromIterable(this.properties.collections())
			.concatMap(this::drainCollection)
			.reduce(0L, Long::sum);
	}

	/**
	 * Claims and relays a batch at a time until a batch comes back short (nothing more is pending,
	 * or the rest is leased by another replica) or a send failed (the next pass retries).
	 */
	private Mono<Long> drainCollection(String collection) {
		return claimBatch(collection).flatMap((claimed) -> claimed.isEmpty() ? Mono.just(0L)
				: relay(collection, claimed).flatMap((relayed) -> relayed.goOn(this.properties.batchSize())
						? drainCollection(collection).map((more) -> more + relayed.sent())
						: Mono.just(relayed.sent())));
	}

	private static Criteria claimable(Instant now) {
		return Criteria.where(OutboxMessage.FIELD + ".0")
			.exists(true)
			.orOperator(Criteria.where(OutboxMessage.LEASE_FIELD).exists(false),
					Criteria.where(OutboxMessage.LEASE_FIELD).lt(now));
	}

	/**
	 * Leases up to {@code batchSize} documents with pending messages. One query finds candidates
	 * (the only one that cannot use the {@code _id} index, so it runs once per batch, not once per
	 * document); one update leases those still claimable under a token of this pass, so two
	 * replicas never own the same document; one read returns what this pass now owns, as stored
	 * after the lease, so no message pushed in between is missed or sent by someone else.
	 */
	private Mono<List<Document>> claimBatch(String collection) {
		Instant now = this.clock.instant();
		Query candidates = Query.query(claimable(now)).limit(this.properties.batchSize());
		candidates.fields().include("_id");
		return this.mongo.find(candidates, Document.class, collection)
			.map((document) -> document.get("_id"))
			.collectList()
			.flatMap((ids) -> {
				if (ids.isEmpty()) {
					return Mono.just(List.<Document>of());
				}
				String token = UUID.randomUUID().toString();
				Update lease = Update.update(OutboxMessage.LEASE_FIELD, now.plus(this.properties.lease()))
					.set(OutboxMessage.LEASE_OWNER_FIELD, token);
				// read by _id alone and filtered here: the MongoDB-wire test server uses its _id index only for
				// a filter on nothing but _id, and scans the collection for any other
				return this.mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).andOperator(claimable(now))), lease,
						collection)
					.flatMap((result) -> (result.getModifiedCount() == 0) ? Mono.just(List.<Document>of())
							: this.mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection)
								.filter((document) -> token.equals(document.getString(OutboxMessage.LEASE_OWNER_FIELD)))
								.collectList());
			});
	}

	/** What one batch achieved. */
	private record Relayed(int documents, long sent, boolean failed) {

		boolean goOn(int batchSize) {
			return !this.failed && this.documents >= batchSize;
		}

	}

	/**
	 * Sends the messages of all claimed documents at once, so the producer batches them and the
	 * acknowledgements are awaited together, not one round trip each. Within a document each
	 * message is sent only after the one before it was acknowledged, exactly as one at a time:
	 * what is pulled is always an acknowledged prefix, so a failure can never let a later change of
	 * an aggregate overtake an earlier one. Then one bulk write pulls what was acknowledged and
	 * gives up the leases.
	 */
	private Mono<Relayed> relay(String collection, List<Document> claimed) {
		return Flux.fromIterable(claimed)
			.flatMap((document) -> relayOne(collection, document), claimed.size())
			.collectList()
			.flatMap((outcomes) -> {
				long sent = outcomes.stream().mapToLong((outcome) -> outcome.acknowledged().size()).sum();
				boolean failed = outcomes.stream().anyMatch(Outcome::failed);
				Relayed relayed = new Relayed(claimed.size(), sent, failed);
				return release(collection, outcomes)
					.then(failed ? Mono.delay(this.properties.retryBackoff()).then() : Mono.<Void>empty())
					.thenReturn(relayed);
			});
	}

	/** The messages of one document the broker acknowledged, in order, and whether one failed. */
	private record Outcome(Object id, List<String> acknowledged, boolean failed) {
	}

	private Mono<Outcome> relayOne(String collection, Document document) {
		List<Document> pending = document.getList(OutboxMessage.FIELD, Document.class, List.of());
		List<String> acknowledged = new ArrayList<>();
		return Flux.fromIterable(pending)
			.concatMap((message) -> send(message).doOnSuccess((ignored) -> acknowledged.add(message.getString("ceId"))))
			.then(Mono.just(false))
			.onErrorResume((ex) -> {
				this.failures.increment();
				logger.warn("Outbox send from " + collection + " failed, will retry: " + ex.getMessage());
				return Mono.just(true);
			})
			.map((failed) -> new Outcome(document.get("_id"), acknowledged, failed));
	}

	/**
	 * Pulls what the broker acknowledged and gives up the leases, one single-document update per
	 * document in one bulk write. By {@code _id} alone, as one document at a time did (and so on the
	 * index of the MongoDB-wire test server too): pulling by {@code ce_id} is idempotent, and a
	 * relay that outlived its lease at worst lets a message be sent again, which consumers drop.
	 */
	private Mono<Void> release(String collection, List<Outcome> outcomes) {
		ReactiveBulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
		for (Outcome outcome : outcomes) {
			Update update = new Update().unset(OutboxMessage.LEASE_FIELD).unset(OutboxMessage.LEASE_OWNER_FIELD);
			if (!outcome.acknowledged().isEmpty()) {
				update.pull(OutboxMessage.FIELD,
						Query.query(Criteria.where("ceId").in(outcome.acknowledged())).getQueryObject());
			}
			bulk.updateOne(Query.query(Criteria.where("_id").is(outcome.id())), update);
		}
		return bulk.execute().then();
	}

	private Mono<Void> send(Document message) {
		Instant occurredAt = message.get("occurredAt", java.util.Date.class).toInstant();
		ProducerRecord<String, CloudEvent> record = CloudEvents.record(new OutboxMessage(message.getString("ceId"),
				message.getString("topic"), message.getString("key"), message.getString("type"), occurredAt,
				message.getString("data")), this.properties.source());
		// KafkaProducer.send may block for metadata while the broker is away, hence the scheduler
		return Mono.defer(() -> Mono.fromFuture(this.kafka.send(record)))
			.subscribeOn(this.scheduler)
			.doOnSuccess((result) -> {
				this.publishLatency.record(Duration.between(occurredAt, this.clock.instant()));
				this.meters.counter("sammen.outbox.sent", "type", record.value().getType()).increment();
			})
			.then();
	}

	private Mono<Void> measureBacklog() {
		return Flux.fromIterable(this.properties.collections()).concatMap((collection) -> {
			Query pending = Query.query(Criteria.where(OutboxMessage.FIELD + ".0").exists(true));
			Mono<Long> count = this.mongo.count(pending, collection)
				.doOnNext((value) -> this.backlog.get(collection).set(value));
			Mono<Long> age = this.mongo
				.find(pending.limit(200), Document.class, collection)
				.flatMapIterable((document) -> document.getList(OutboxMessage.FIELD, Document.class, List.of()))
				.map((message) -> message.get("occurredAt", java.util.Date.class).toInstant())
				.reduce((a, b) -> a.isBefore(b) ? a : b)
				.map((oldest) -> Duration.between(oldest, this.clock.instant()).toSeconds())
				.defaultIfEmpty(0L)
				.doOnNext((value) -> this.oldestAgeSeconds.get(collection).set(value));
			return count.then(age);
		}).then();
	}

	@Override
	public void start() {
		// the timer also samples the backlog gauges; wake-ups after writes only send, keeping writes cheap
		Flux<Boolean> ticks = Flux.merge(
				Flux.interval(Duration.ZERO, this.properties.pollInterval(), this.scheduler).map((tick) -> true),
				this.wakeUps.asFlux().map((wake) -> false));
		this.loop = ticks.onBackpressureDrop()
			.concatMap((measure) -> drain().flatMap((sent) -> measure ? measureBacklog().thenReturn(sent) : Mono.just(sent))
				.onErrorResume((ex) -> {
					logger.warn("Outbox pass failed, will retry: " + ex.getMessage());
					return Mono.delay(this.properties.retryBackoff()).thenReturn(0L);
				}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.loop;
		if (running != null) {
			running.dispose();
		}
		this.loop = null;
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

	@Override
	public int getPhase() {
		// stop before the Kafka producer and the Mongo client go away
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
