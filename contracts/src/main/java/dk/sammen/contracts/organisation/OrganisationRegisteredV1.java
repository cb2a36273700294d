package dk.sammen.contracts.organisation;

/** {@code dk.sammen.organisation.registered.v1}: platform staff registered a partner organisation. */
public record OrganisationRegisteredV1(OrganisationSnapshotV1 organisation) {
}
