package dk.sammen.contracts.event;

/** {@code dk.sammen.event.cancelled.v1}: a published event was cancelled and stays visible as such. */
public record EventCancelledV1(EventSnapshotV1 event, String reason) {
}
