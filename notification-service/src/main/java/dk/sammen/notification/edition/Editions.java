package dk.sammen.notification.edition;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates editions. An edition's id says what it is ({@code weekly-digest-2027-W17},
 * {@code instant-<event>}), so creating it twice — two replicas' schedules, a redelivered event, a
 * retried admin request with the same Idempotency-Key — creates it once.
 */
@Component
public class Editions {

	private final ReactiveMongoTemplate mongo;

	private final EditionFanOut fanOut;

	private final Clock clock;

	Editions(ReactiveMongoTemplate mongo, EditionFanOut fanOut, Clock clock) {
		this.mongo = mongo;
		this.fanOut = fanOut;
		this.clock = clock;
	}

	/** The instant notice of a newly published event, to the instant subscribers it matches. */
	public Mono<Edition> instantNotice(String eventId, String programme, @Nullable String kommuneCode,
			@Nullable String regionCode) {
		return create("instant-" + eventId, EditionKind.INSTANT,
				EditionSpec.event(eventId, programme, kommuneCode, regionCode), "event");
	}

	public Mono<Edition> find(String id) {
		return this.mongo.findById(id, Edition.class);
	}

	/** Creates the edition unless it exists, and starts its fan-out; emits the edition either way. */
	Mono<Edition> create(String id, EditionKind kind, EditionSpec spec, String requestedBy) {
		Instant now = this.clock.instant();
		return this.mongo.insert(Edition.create(id, kind, spec, requestedBy, now))
			.doOnNext((created) -> this.fanOut.start(created.id()))
			.onErrorResume(DuplicateKeyException.class, (ex) -> find(id));
	}

	Instant now() {
		return this.clock.instant();
	}

}
