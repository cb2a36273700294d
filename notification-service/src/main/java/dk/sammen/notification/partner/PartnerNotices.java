package dk.sammen.notification.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dk.sammen.notification.mail.Language;
import dk.sammen.notification.mail.Letter;
import dk.sammen.notification.mail.Mailer;
import dk.sammen.notification.mail.Recipient;
import dk.sammen.notification.mail.SendOutcome;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what partner organisations are owed, at most once each: a notice is claimed
 * ({@code sending}) in one single-document update before the mail goes to the relay and closed
 * after; a claim left by a replica that died in between is recorded {@code outcome-unknown}, never
 * sent again. Temporary relay failures are retried with growing pauses; a notice waits while the
 * organisation's contact address is not known here yet.
 */
@Component
class PartnerNotices {

	private static final Log logger = LogFactory.getLog(PartnerNotices.class);

	private final ReactiveMongoTemplate mongo;

	private final PartnerContacts contacts;

	private final Mailer mailer;

	private final PartnerNoticeProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	PartnerNotices(ReactiveMongoTemplate mongo, PartnerContacts contacts, Mailer mailer,
			PartnerNoticeProperties properties, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.contacts = contacts;
		this.mailer = mailer;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/** Records a notice; true if it is new, false if it was recorded before. */
	Mono<Boolean> record(PartnerNotice notice) {
		return this.mongo.insert(notice)
			.thenReturn(true)
			.onErrorResume(DuplicateKeyException.class, (ex) -> Mono.just(false));
	}

	/** Sends what is owed now rather than at the next sweep. */
	void wakeUp() {
		sendOwed().subscribe(null, (ex) -> logger.warn("Sending partner notices failed; the next sweep tries again", ex));
	}

	@Scheduled(fixedDelayString = "${sammen.notification.partner-notices.sweep-interval:30s}")
	void sweep() {
		closeAbandoned().then(sendOwed())
			.subscribe(null, (ex) -> logger.warn("Partner notice sweep failed; trying again later", ex));
	}

	/** Claims and sends owed notices one by one; how many were handled. */
	Mono<Long> sendOwed() {
		return claim().flatMap(this::send).repeat().takeWhile((handled) -> handled).count();
	}

	private Mono<PartnerNotice> claim() {
		Instant now = this.clock.instant();
		Query owed = Query.query(Criteria.where("status").is(PartnerNotice.PENDING).and("nextAttemptAt").lte(now));
		return this.mongo.findAndModify(owed,
				new Update().set("status", PartnerNotice.SENDING).set("sendingSince", now),
				FindAndModifyOptions.options().returnNew(true), PartnerNotice.class);
	}

	private Mono<Boolean> send(PartnerNotice notice) {
		return this.contacts.find(notice.organisationId())
			.flatMap((contact) -> Mono
				.fromCallable(() -> this.mailer.send(messageId(notice),
						new Recipient(contact.contactEmail(), Language.fromCode(this.properties.language()), null, null),
						new Letter.ReconfirmationRequested(notice.title(), notice.eventId(), notice.confirmedAt(),
								notice.staleAt(), notice.hiddenAt())))
				// SMTP blocks: never on the event loop
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((outcome) -> close(notice, outcome)))
			.switchIfEmpty(Mono.defer(() -> {
				this.meters.counter("sammen.notification.partner-notices", "outcome", "no-contact").increment();
				return release(notice, notice.attempts(), this.properties.retryDelay(), "no contact address yet");
			}))
			.thenReturn(true);
	}

	private Mono<Void> close(PartnerNotice notice, SendOutcome outcome) {
		Instant now = this.clock.instant();
		return switch (outcome) {
			case SendOutcome.Sent sent -> {
				this.meters.counter("sammen.notification.partner-notices", "outcome", "sent").increment();
				yield update(notice, new Update().set("status", PartnerNotice.SENT).set("sentAt", now));
			}
			case SendOutcome.PermanentFailure failure -> {
				this.meters.counter("sammen.notification.partner-notices", "outcome", "failed").increment();
				yield update(notice, new Update().set("status", PartnerNotice.FAILED).set("lastError", failure.reason()));
			}
			case SendOutcome.TemporaryFailure failure -> {
				int attempts = notice.attempts() + 1;
				if (attempts >= this.properties.maxAttempts()) {
					this.meters.counter("sammen.notification.partner-notices", "outcome", "failed").increment();
					yield update(notice,
							new Update().set("status", PartnerNotice.FAILED).set("lastError", failure.reason()));
				}
				this.meters.counter("sammen.notification.partner-notices", "outcome", "retry").increment();
				yield release(notice, attempts,
						this.properties.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 16)), failure.reason());
			}
		};
	}

	/** Back to pending: nothing reached the relay, so trying again cannot send twice. */
	private Mono<Void> release(PartnerNotice notice, int attempts, Duration pause, String reason) {
		return update(notice, new Update().set("status", PartnerNotice.PENDING)
			.set("attempts", attempts)
			.set("nextAttemptAt", this.clock.instant().plus(pause))
			.unset("sendingSince")
			.set("lastError", reason));
	}

	private Mono<Void> update(PartnerNotice notice, Update update) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(notice.id()).and("status").is(PartnerNotice.SENDING)),
					update, PartnerNotice.class)
			.then();
	}

	/** Claims older than the lease were with a replica that died: their fate is unknown. */
	Mono<Long> closeAbandoned() {
		Instant before = this.clock.instant().minus(this.properties.claimLease());
		return this.mongo
			.updateMulti(Query.query(Criteria.where("status").is(PartnerNotice.SENDING).and("sendingSince").lt(before)),
					new Update().set("status", PartnerNotice.OUTCOME_UNKNOWN), PartnerNotice.class)
			.map((result) -> result.getModifiedCount());
	}

	private String messageId(PartnerNotice notice) {
		return notice.id().replace(':', '.') + "@" + this.properties.messageIdDomain();
	}

}
