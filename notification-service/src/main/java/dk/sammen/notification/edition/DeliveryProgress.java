package dk.sammen.notification.edition;

import reactor.core.publisher.Mono;

/** How far the sending of an edition has come; implemented where deliveries are recorded. */
public interface DeliveryProgress {

	Mono<Counts> of(String editionId);

	/**
	 * @param sent accepted by the SMTP server
	 * @param failed refused for good, or still failing after every retry, or with an unknown outcome
	 * @param skipped no longer to be sent: erased, unsubscribed, or nothing in it for the subscriber
	 */
	record Counts(long sent, long failed, long skipped) {

		public long done() {
			return this.sent + this.failed + this.skipped;
		}

	}

}
