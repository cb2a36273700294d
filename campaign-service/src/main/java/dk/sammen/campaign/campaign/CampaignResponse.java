package dk.sammen.campaign.campaign;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;

import dk.sammen.platform.web.ETags;

/** A campaign as the API shows it. */
record CampaignResponse(String slug, String name, String owner, String description, LocalDate startsOn,
		@Nullable LocalDate endsOn, List<String> themes, List<CampaignDetails.Link> links, List<String> editors,
		long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

	static CampaignResponse of(Campaign campaign) {
		CampaignDetails d = campaign.details();
		return new CampaignResponse(campaign.slug(), d.name(), d.owner(), d.description(), d.startsOn(), d.endsOn(),
				d.themes(), d.links(), d.editors(), campaign.version(),
				campaign.createdAt().atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toOffsetDateTime(),
				campaign.updatedAt().atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toOffsetDateTime());
	}

	String etag() {
		return ETags.of(this.version);
	}

}
