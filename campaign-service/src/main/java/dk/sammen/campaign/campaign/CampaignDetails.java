package dk.sammen.campaign.campaign;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an admin or editor sets on a campaign, validated.
 *
 * @param owner the organisation running the campaign, by name (e.g. Social- og Boligstyrelsen)
 * @param startsOn first day, in Danish time
 * @param endsOn last day, or null while the campaign runs on
 * @param editors ids of the organisations whose editor keys may change it and add activities
 */
record CampaignDetails(String name, String owner, String description, LocalDate startsOn, @Nullable LocalDate endsOn,
		List<String> themes, List<Link> links, List<String> editors) {

	record Link(String title, String url) {
	}

}
