package dk.sammen.campaign.campaign;

import java.time.Instant;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A campaign, keyed by its slug; {@code version} guards changes (ETag/If-Match). */
@Document("campaigns")
record Campaign(@Id String slug, CampaignDetails details, long version, Instant createdAt, Instant updatedAt) {

	Campaign revised(CampaignDetails revised, Instant now) {
		return new Campaign(this.slug, revised, this.version + 1, this.createdAt, now);
	}

	static boolean mayEdit(CampaignDetails details, CallerIdentity caller) {
		return caller.isAdmin()
				|| (caller.role() == Role.EDITOR && details.editors().contains(caller.organisationId()));
	}

}
