package dk.sammen.contracts.event;

/** {@code dk.sammen.event.published.v1}: a draft became public. */
public record EventPublishedV1(EventSnapshotV1 event) {
}
