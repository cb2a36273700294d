package dk.sammen.events.event;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.NewTopic;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.partner.ReconfirmationRequestedV1;
import dk.sammen.events.EventsProperties;
import dk.sammen.platform.outbox.AggregateStore;
import dk.sammen.platform.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.stereotype.Component;

/**
 * Asks organisations to re-confirm offers that will soon turn stale. Each reminder is written to
 * the outbox in the same single-document update that marks the offer reminded (version-guarded),
 * so it goes out once even with several replicas sweeping, and is never lost.
 */
@Component
class ReconfirmationReminders implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ReconfirmationReminders.class);

	private static final int PER_SWEEP = 200;

	private final ReactiveMongoTemplate mongo;

	private final AggregateStore store;

	private final FreshnessProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final Counter sent;

	private volatile Disposable sweeping = () -> {
	};

	private volatile boolean running;

	ReconfirmationReminders(ReactiveMongoTemplate mongo, AggregateStore store, FreshnessProperties properties,
			JsonMapper json, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.store = store;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		this.sent = Counter.builder("sammen.events.reconfirmation.reminders")
			.description("Organisations asked to re-confirm an offer")
			.register(meters);
	}

	/** One sweep: the reminders due now; how many were written. */
	Mono<Long> sweep() {
		Instant now = this.clock.instant();
		Query due = Query
			.query(Criteria.where("status").is(Vocabulary.PUBLISHED)
				.and("freshness.reminded").is(false)
				.and("freshness.remindAt").lte(now))
			.with(Sort.by("freshness.remindAt"))
			.limit(PER_SWEEP);
		return this.mongo.find(due, PartnerEvent.class).concatMap((event) -> remind(event, now)).count();
	}

	private Mono<Boolean> remind(PartnerEvent event, Instant now) {
		Freshness freshness = event.freshness();
		if (freshness == null) {
			return Mono.just(false);
		}
		ReconfirmationRequestedV1 notice = new ReconfirmationRequestedV1(event.id(), event.organisationId(),
				event.details().title(), freshness.confirmedAt(), freshness.staleAt(), freshness.hiddenAt(), now);
		OutboxMessage message = OutboxMessage.of(Topics.PARTNER_NOTICES, event.organisationId(),
				CloudEventTypes.RECONFIRMATION_REQUESTED_V1, now, notice, this.json);
		PartnerEvent reminded = event.reminded(freshness.remindedOf());
		// a partner's change in between wins; the next sweep looks again
		return this.store.update(event.id(), event.version(), reminded, List.of(message))
			.doOnNext((written) -> {
				if (written) {
					this.sent.increment();
				}
			});
	}

	@Override
	public void start() {
		this.sweeping = Flux.interval(this.properties.sweepInterval())
			.onBackpressureDrop()
			// deferred: a sweep that throws while it is being set up must not end the sweeping
			.concatMap((tick) -> Mono.defer(this::sweep).onErrorResume((ex) -> {
				logger.warn("Reconfirmation sweep failed; trying again in " + this.properties.sweepInterval(), ex);
				return Mono.just(0L);
			}), 1)
			.subscribe();
		this.running = true;
	}

	@Override
	public void stop() {
		this.sweeping.dispose();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** The topic of notices to partners; events-service is the first to write to it. */
	@Configuration(proxyBeanMethods = false)
	static class PartnerNoticesTopic {

		@Bean
		NewTopic partnerNoticesTopic(EventsProperties properties) {
			return TopicBuilder.name(Topics.PARTNER_NOTICES).partitions(3).replicas(properties.topicReplicas()).build();
		}

	}

}
