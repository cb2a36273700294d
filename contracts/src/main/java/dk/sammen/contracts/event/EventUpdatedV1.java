package dk.sammen.contracts.event;

/** {@code dk.sammen.event.updated.v1}: a published event changed. */
public record EventUpdatedV1(EventSnapshotV1 event) {
}
