package dk.sammen.campaign.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A campaign activity: the aggregate, stored as one document with its pending CloudEvents.
 * Transitions return the next version; the caller stores it with the message it caused in one write.
 * {@code endsAt} is the end, or the start for an activity without one, so the listing's window
 * query is one range on one field.
 */
@Document("campaign-activities")
@CompoundIndex(name = "public_by_start", def = "{'status': 1, 'details.startsAt': 1, '_id': 1}")
@CompoundIndex(name = "campaign_by_start", def = "{'campaign': 1, 'details.startsAt': 1}")
@CompoundIndex(name = "kommune_by_start", def = "{'details.kommuneCode': 1, 'details.startsAt': 1}")
@CompoundIndex(name = "region_by_start", def = "{'details.regionCode': 1, 'details.startsAt': 1}")
@CompoundIndex(name = "outbox_pending", def = "{'outbox.0': 1}", sparse = true)
record CampaignActivity(@Id String id, String campaign, String status, long version, ActivityDetails details,
		Instant endsAt, String createdBy, @Nullable String cancellationReason, Instant createdAt, Instant updatedAt,
		@Nullable Instant publishedAt) {

	static CampaignActivity draft(String id, String campaign, ActivityDetails details, String createdBy, Instant now) {
		return new CampaignActivity(id, campaign, ActivityVocabulary.DRAFT, 1, details, details.over(), createdBy, null,
				now, now, null);
	}

	boolean isPublic() {
		return !ActivityVocabulary.DRAFT.equals(this.status);
	}

	CampaignActivity revised(ActivityDetails revised, Instant now) {
		return new CampaignActivity(this.id, this.campaign, this.status, this.version + 1, revised, revised.over(),
				this.createdBy, this.cancellationReason, this.createdAt, now, this.publishedAt);
	}

	CampaignActivity published(Instant now) {
		return new CampaignActivity(this.id, this.campaign, ActivityVocabulary.PUBLISHED, this.version + 1,
				this.details, this.endsAt, this.createdBy, null, this.createdAt, now, now);
	}

	CampaignActivity cancelled(String reason, Instant now) {
		return new CampaignActivity(this.id, this.campaign, ActivityVocabulary.CANCELLED, this.version + 1,
				this.details, this.endsAt, this.createdBy, reason, this.createdAt, now, this.publishedAt);
	}

	CampaignActivitySnapshotV1 snapshot() {
		ActivityDetails d = this.details;
		return new CampaignActivitySnapshotV1(this.id, this.campaign, this.status, this.version, d.kind(), d.title(),
				d.description(), d.startsAt(), d.endsAt(), d.kommuneCode(), d.regionCode(), d.url(), this.createdAt,
				this.updatedAt);
	}

}
