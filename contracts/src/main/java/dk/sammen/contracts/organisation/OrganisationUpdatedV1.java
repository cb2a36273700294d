package dk.sammen.contracts.organisation;

/**
 * {@code dk.sammen.organisation.updated.v1}: the organisation as it is now, after a change or when
 * an organisation registered before this topic existed is announced once.
 */
public record OrganisationUpdatedV1(OrganisationSnapshotV1 organisation) {
}
