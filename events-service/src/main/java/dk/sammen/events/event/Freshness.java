package dk.sammen.events.event;

import java.time.Instant;

/**
 * How fresh a published offer is: confirmed by its organisation at {@code confirmedAt}, shown as
 * stale from {@code staleAt}, gone from public listings from {@code hiddenAt}, unless confirmed
 * again. The times are fixed when it is confirmed, so listings decide with one indexed range and
 * no job has to run for an offer to leave them.
 *
 * @param remindAt when the organisation is asked to re-confirm
 * @param reminded whether that reminder has gone out (or was not needed)
 */
record Freshness(Instant confirmedAt, Instant staleAt, Instant hiddenAt, Instant remindAt, boolean reminded) {

	boolean isStale(Instant now) {
		return !now.isBefore(this.staleAt);
	}

	Freshness remindedOf() {
		return new Freshness(this.confirmedAt, this.staleAt, this.hiddenAt, this.remindAt, true);
	}

}
