package dk.sammen.campaign.campaign;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A campaign as an admin or editor sends it. {@code slug} is required when creating and, when
 * changing, may only repeat the path's slug. Server-owned fields are not part of it, so a body
 * carrying them is rejected as having unknown fields.
 */
record CampaignRequest(@Nullable String slug, @Nullable String name, @Nullable String owner,
		@Nullable String description, @Nullable LocalDate startsOn, @Nullable LocalDate endsOn,
		@Nullable List<String> themes, @Nullable List<LinkRequest> links, @Nullable List<String> editors) {

	record LinkRequest(@Nullable String title, @Nullable String url) {
	}

}
