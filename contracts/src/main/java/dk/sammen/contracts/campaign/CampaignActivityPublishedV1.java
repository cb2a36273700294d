package dk.sammen.contracts.campaign;

/** {@code dk.sammen.campaign.activity.published.v1}: a draft activity became public. */
public record CampaignActivityPublishedV1(CampaignActivitySnapshotV1 activity) {
}
