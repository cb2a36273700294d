package dk.sammen.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.notification.DeliveryRequestedV1;
import dk.sammen.notification.mail.Mailer;
import dk.sammen.notification.mail.SendOutcome;
import org.springframework.stereotype.Component;

/**
 * Sends one delivery task's mail at most once. Composes the letter, claims the delivery record
 * (for a task never seen before, one insert that also records that sending starts), sends, and
 * closes the record. A task whose record is closed, or
 * claimed by a live worker, is a duplicate and ends here; a claim whose worker died before sending
 * is taken over, one that died while sending is closed as {@code outcome-unknown} — never sent twice.
 * Blocks: runs on the Kafka listener thread, never on the event loop.
 */
@Component
class DeliveryWorker {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final DeliveryRecords records;

	private final LetterComposer composer;

	private final Mailer mailer;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	DeliveryWorker(DeliveryRecords records, LetterComposer composer, Mailer mailer, DeliveryProperties properties,
			Clock clock, MeterRegistry meters) {
		this.records = records;
		this.composer = composer;
		this.mailer = mailer;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/** What became of a task: the {@code outcome} tag of {@code sammen.notification.deliveries}. */
	String deliver(DeliveryRequestedV1 task) {
		// composing first (reads only) lets a task never seen before be claimed, and recorded as
		// sending or skipped, in one insert instead of a claim and a second write
		LetterComposer.Composition composition = compose(task);
		if (composition instanceof LetterComposer.Composition.Skip(String reason)) {
			if (this.records.insertSkipped(task, reason, now()).block(WAIT) != null) {
				return count(task, DeliveryRecord.SKIPPED);
			}
			DeliveryRecord claim = claimExisting(task);
			if (claim == null) {
				return count(task, "duplicate");
			}
			this.records.finish(claim, DeliveryRecord.SKIPPED, reason, now()).block(WAIT);
			return count(task, DeliveryRecord.SKIPPED);
		}
		LetterComposer.Composition.Mail mail = (LetterComposer.Composition.Mail) composition;
		DeliveryRecord claim = this.records.insertSending(task, now()).block(WAIT);
		if (claim == null) {
			claim = claimExisting(task);
			if (claim == null) {
				return count(task, "duplicate");
			}
			if (!Boolean.TRUE.equals(this.records.markSending(claim, now()).block(WAIT))) {
				return count(task, "lost-claim");
			}
		}
		SendOutcome outcome = this.mailer.send(messageId(task), mail.recipient(), mail.letter());
		return switch (outcome) {
			case SendOutcome.Sent sent -> {
				this.records.finish(claim, DeliveryRecord.SENT, null, now()).block(WAIT);
				yield count(task, DeliveryRecord.SENT);
			}
			case SendOutcome.PermanentFailure failure -> {
				this.records.finish(claim, DeliveryRecord.FAILED, "permanent: " + failure.reason(), now()).block(WAIT);
				yield count(task, DeliveryRecord.FAILED);
			}
			case SendOutcome.TemporaryFailure failure -> {
				if (claim.attempts() >= this.properties.temporaryFailureAttempts()) {
					this.records.finish(claim, DeliveryRecord.FAILED, "temporary: " + failure.reason(), now())
						.block(WAIT);
					yield count(task, DeliveryRecord.FAILED);
				}
				this.records.release(claim, now()).block(WAIT);
				yield count(task, "retrying");
			}
		};
	}

	/**
	 * Composes the letter. When that fails (e.g. MongoDB is away), leaves a plain claim behind, as
	 * claiming first did, so the reconciler queues the task again after the lease even if the
	 * listener gives the record up.
	 */
	private LetterComposer.Composition compose(DeliveryRequestedV1 task) {
		try {
			return this.composer.compose(task);
		}
		catch (RuntimeException ex) {
			try {
				this.records.insertClaimed(task, now()).block(WAIT);
			}
			catch (RuntimeException claimFailed) {
				ex.addSuppressed(claimFailed);
			}
			throw ex;
		}
	}

	/**
	 * The claim this worker now owns of a delivery recorded before (a redelivered or requeued task),
	 * or null when it is finished or owned by a live worker.
	 */
	private @Nullable DeliveryRecord claimExisting(DeliveryRequestedV1 task) {
		Instant now = now();
		DeliveryRecord existing = this.records.find(DeliveryRecord.idOf(task.editionId(), task.subscriberId()))
			.block(WAIT);
		if (existing == null || existing.isFinished()
				|| existing.claimedAt().plus(this.properties.claimLease()).isAfter(now)) {
			return null;
		}
		if (existing.sendingSince() != null) {
			// the worker died during the SMTP conversation: the mail may have gone out, so it never goes again
			this.records.finish(existing, DeliveryRecord.FAILED, "outcome-unknown", now).block(WAIT);
			return null;
		}
		if (existing.attempts() >= this.properties.temporaryFailureAttempts()) {
			this.records.finish(existing, DeliveryRecord.FAILED, "temporary: gave up after " + existing.attempts()
					+ " attempts", now).block(WAIT);
			return null;
		}
		return this.records.takeOver(existing, now).block(WAIT);
	}

	private String messageId(DeliveryRequestedV1 task) {
		return task.editionId() + "." + task.subscriberId() + "@" + this.properties.messageIdDomain();
	}

	private String count(DeliveryRequestedV1 task, String outcome) {
		this.meters.counter("sammen.notification.deliveries", "kind", task.editionKind(), "outcome", outcome)
			.increment();
		return outcome;
	}

	/** Milliseconds, as MongoDB stores them: the compare-and-set on {@code claimedAt} compares stored values. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
