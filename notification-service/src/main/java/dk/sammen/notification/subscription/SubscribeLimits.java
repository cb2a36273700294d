package dk.sammen.notification.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dk.sammen.platform.Digests;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in MongoDB, shared by every replica: subscribe requests per client and
 * mails per address. Addresses are counted by their SHA-256, so the counters hold no address.
 */
@Component
class SubscribeLimits {

	private final ReactiveMongoTemplate mongo;

	private final SubscriptionProperties properties;

	private final Clock clock;

	SubscribeLimits(ReactiveMongoTemplate mongo, SubscriptionProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	/** Counts a request from {@code client}; emits the seconds until the window ends if it is over the limit. */
	Mono<Long> overClientLimit(String client) {
		return count("client:" + client, this.properties.perClientWindow())
			.map((window) -> (window.count() > this.properties.perClientLimit()) ? window.secondsLeft(this.clock) : 0L)
			.filter((seconds) -> seconds > 0);
	}

	/** Counts a mail to {@code email}; emits whether it is still within the limit. */
	Mono<Boolean> mayMail(String email) {
		return count("address:" + Digests.sha256Hex(email), this.properties.perAddressWindow())
			.map((window) -> window.count() <= this.properties.perAddressLimit());
	}

	private Mono<Counter> count(String subject, Duration window) {
		Instant now = this.clock.instant();
		long index = now.toEpochMilli() / window.toMillis();
		Instant ends = Instant.ofEpochMilli((index + 1) * window.toMillis());
		return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(subject + ":" + index)),
				new Update().inc("count", 1).setOnInsert("expiresAt", ends),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Counter.class);
	}

	/** One window's count; MongoDB's TTL monitor removes it once the window is over. */
	@Document("subscribe-limits")
	record Counter(@Id String id, long count, @Indexed(expireAfter = "0s") Instant expiresAt) {

		long secondsLeft(Clock clock) {
			return Math.max(1, Duration.between(clock.instant(), this.expiresAt).toSeconds() + 1);
		}

	}

}
