package dk.sammen.contracts.campaign;

/** {@code dk.sammen.campaign.activity.updated.v1}: a published activity changed. */
public record CampaignActivityUpdatedV1(CampaignActivitySnapshotV1 activity) {
}
