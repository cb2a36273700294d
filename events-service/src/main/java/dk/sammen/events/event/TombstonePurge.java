package dk.sammen.events.event;

import java.time.Clock;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes tombstones past their retention. The change feed answers 410 to a cursor older than the
 * retention, checking the time after it has read; this purge cuts off a settle lag earlier, so a
 * replica whose clock is a little ahead cannot remove a tombstone that a still-valid cursor needs.
 * Every replica runs it; removing the same documents twice is harmless.
 */
@Component
class TombstonePurge {

	private static final Log logger = LogFactory.getLog(TombstonePurge.class);

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	private final ChangesProperties properties;

	TombstonePurge(ReactiveMongoTemplate mongo, Clock clock, ChangesProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${sammen.events.changes.purge-interval:1h}",
			initialDelayString = "${sammen.events.changes.purge-interval:1h}")
	void purgeInBackground() {
		purge().subscribe((removed) -> {
			if (removed > 0) {
				logger.info("Removed " + removed + " tombstones of deleted drafts past their retention");
			}
		}, (ex) -> logger.warn("Removing old tombstones failed; trying again later", ex));
	}

	/** Removes the tombstones past retention; emits how many. */
	Mono<Long> purge() {
		Instant cutOff = this.clock.instant()
			.minus(this.properties.tombstoneRetention())
			.minus(this.properties.settleLag());
		return this.mongo
			.remove(Query.query(Criteria.where("status").is(Vocabulary.DELETED).and(ChangeFeed.CHANGED_AT).lt(cutOff)),
					PartnerEvent.class)
			.map((result) -> result.getDeletedCount());
	}

}
