package dk.sammen.contracts.campaign;

/** {@code dk.sammen.campaign.activity.cancelled.v1}: a published activity was cancelled and stays visible as such. */
public record CampaignActivityCancelledV1(CampaignActivitySnapshotV1 activity, String reason) {
}
