package dk.sammen.events.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the change feed exact when a write is slow. A change is stamped ({@code updatedAt}) before
 * it is stored, and the feed serves only changes older than the settle lag; a change stored more
 * than half the lag after its stamp may land behind a reader that has already moved on. The writer
 * notices, because it sees the acknowledgement late, and stamps the change again with the current
 * time (same version, same state), so it comes up again ahead of every reader.
 */
@Component
class LateWrites {

	private static final Log logger = LogFactory.getLog(LateWrites.class);

	/** Each re-stamp is a write that may be slow itself; after this many the change is left as it is. */
	private static final int MAX_RESTAMPS = 5;

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	private final Duration lateAfter;

	private final Counter restamps;

	LateWrites(ReactiveMongoTemplate mongo, Clock clock, ChangesProperties properties, MeterRegistry meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.lateAfter = properties.lateAfter();
		this.restamps = Counter.builder("sammen.events.changes.restamped")
			.description("Changes stored so late after their stamp that they were stamped again for the change feed")
			.register(meters);
	}

	/** Whether a change stamped at {@code stampedAt} and acknowledged at {@code acknowledgedAt} is late. */
	static boolean isLate(Instant stampedAt, Instant acknowledgedAt, Duration lateAfter) {
		return Duration.between(stampedAt, acknowledgedAt).compareTo(lateAfter) > 0;
	}

	/** The event as stored after the check: re-stamped if its write was acknowledged late. */
	Mono<PartnerEvent> settle(PartnerEvent written) {
		return settle(written.id(), written.version(), written.updatedAt())
			.map((stamp) -> stamp.equals(written.updatedAt()) ? written : written.restamped(stamp));
	}

	/** The stamp of the change at {@code version} after the check. */
	Mono<Instant> settle(String id, long version, Instant stampedAt) {
		return settle(id, version, stampedAt, 0);
	}

	/**
	 * After a write failed in a way that leaves open whether it was stored (a timeout, a lost
	 * connection): if it was, its acknowledgement is late by definition, so it is re-stamped; then
	 * the failure goes on to the client.
	 */
	<T> Mono<T> afterUncertainFailure(String id, long version, Throwable failure) {
		return restamp(id, version, now()).onErrorResume((ignored) -> Mono.empty()).then(Mono.error(failure));
	}

	/** Failures after which the write may or may not have been stored. */
	static boolean isUncertain(Throwable failure) {
		return failure instanceof DataAccessException && !(failure instanceof DuplicateKeyException);
	}

	private Mono<Instant> settle(String id, long version, Instant stampedAt, int restamped) {
		if (!isLate(stampedAt, this.clock.instant(), this.lateAfter)) {
			return Mono.just(stampedAt);
		}
		if (restamped == MAX_RESTAMPS) {
			logger.warn("Event " + id + " version " + version + " is still stored late after " + restamped
					+ " new stamps; a change feed reader may miss it until its next change");
			return Mono.just(stampedAt);
		}
		Instant stamp = now();
		return restamp(id, version, stamp).flatMap((matched) -> {
			if (!matched) {
				// changed again meanwhile: that change has a stamp of its own
				return Mono.just(stampedAt);
			}
			this.restamps.increment();
			return settle(id, version, stamp, restamped + 1);
		});
	}

	private Mono<Boolean> restamp(String id, long version, Instant stamp) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(id).and("version").is(version)),
					Update.update("updatedAt", stamp), PartnerEvent.class)
			.map((result) -> result.getMatchedCount() == 1);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
