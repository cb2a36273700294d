package dk.sammen.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;


/**
 * Sends the pending {@link OutboxMessage}s of the configured collections to Kafka. Each pass
 * claims one document at a time with a lease (so replicas share the work without sending the
 * same document concurrently), sends its messages in order and pulls exactly those the broker
 * acknowledged. Writes wake it up at once; a timer covers everything else, e.g. after a restart.
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

	private Mono<Long> drainCollection(String collection) {
		return claimNext(collection).expand((document) -> claimNext(collection))
			.concatMap((document) -> relay(collection, document))
			.reduce(0L, Long::sum);
	}

	private Mono<Document> claimNext(String collection) {
		Instant now = this.clock.instant();
		Query claimable = Query.query(Criteria.where(OutboxMessage.FIELD + ".0")
			.exists(true)
			.orOperator(Criteria.where(OutboxMessage.LEASE_FIELD).exists(false),
					Criteria.where(OutboxMessage.LEASE_FIELD).lt(now)));
		Update claim = Update.update(OutboxMessage.LEASE_FIELD, now.plus(this.properties.lease()));
		return this.mongo.findAndModify(claimable, claim, FindAndModifyOptions.options().returnNew(true),
				Document.class, collection);
	}

	private Mono<Long> relay(String collection, Document document) {
		Object id = document.get("_id");
		List<Document> pending = document.getList(OutboxMessage.FIELD, Document.class, List.of());
		List<String> acknowledged = new ArrayList<>();
		return Flux.fromIterable(pending)
			.concatMap((message) -> send(message).doOnSuccess((ignored) -> acknowledged.add(message.getString("ceId"))))
			.then(Mono.just(true))
			.onErrorResume((ex) -> {
				this.failures.increment();
				logger.warn("Outbox send from " + collection + " failed, will retry: " + ex.getMessage());
				return Mono.just(false);
			})
			.flatMap((completed) -> release(collection, id, acknowledged)
				.then(completed ? Mono.<Void>empty() : Mono.delay(this.properties.retryBackoff()).then())
				.thenReturn((long) acknowledged.size()));
	}

	/** Pulls what the broker acknowledged and gives up the lease, in one document update. */
	private Mono<Void> release(String collection, Object id, List<String> acknowledged) {
		Update update = new Update().unset(OutboxMessage.LEASE_FIELD);
		if (!acknowledged.isEmpty()) {
			update.pull(OutboxMessage.FIELD, Query.query(Criteria.where("ceId").in(acknowledged)).getQueryObject());
		}
		return this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, collection).then();
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
