package dk.sammen.contracts.notification;

import java.time.Instant;

/**
 * One mail of an edition is to be sent to one subscriber. Carries ids only: the sender reads the
 * subscriber's current address and preferences when it sends, so an erasure or unsubscribe in
 * between is honoured.
 *
 * @param editionId the edition, e.g. {@code weekly-digest-2027-W17} or {@code confirmation-…}
 * @param editionKind {@code confirmation}, {@code already-subscribed}, {@code weekly-digest},
 * {@code dsm-announcement}, {@code campaign} or {@code instant}
 * @param subscriberId the subscriber, also the record key
 * @param requestedAt when the edition was fanned out to this subscriber
 */
public record DeliveryRequestedV1(String editionId, String editionKind, String subscriberId, Instant requestedAt) {
}
