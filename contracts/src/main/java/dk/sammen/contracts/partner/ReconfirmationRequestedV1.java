package dk.sammen.contracts.partner;

import java.time.Instant;

/**
 * {@code dk.sammen.partner.reconfirmation-requested.v1}: a published offer has not been confirmed
 * within its organisation's interval; unless the organisation re-confirms (or changes) it, it
 * becomes stale at {@code staleAt} and leaves the public feed at {@code hiddenAt}.
 *
 * @param eventId the offer
 * @param organisationId whose contact address is told
 * @param title the offer's title, so the mail names it
 * @param confirmedAt when it was last confirmed
 * @param staleAt when it is shown as stale
 * @param hiddenAt when it leaves public listings
 * @param requestedAt when the reminder was decided
 */
public record ReconfirmationRequestedV1(String eventId, String organisationId, String title, Instant confirmedAt,
		Instant staleAt, Instant hiddenAt, Instant requestedAt) {
}
