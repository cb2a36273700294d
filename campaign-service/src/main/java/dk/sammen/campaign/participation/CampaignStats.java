package dk.sammen.campaign.participation;

import java.time.Instant;
import java.util.List;

/**
 * A campaign's reach: its own activities and the partner events that joined it.
 *
 * @param activities the campaign's published activities ({@code withoutKommune}: nationwide ones)
 * @param partnerEvents published partner events with {@code "campaign": slug} ({@code withoutKommune}: online only)
 * @param participatingOrganisations distinct organisations with a published event in the campaign
 */
record CampaignStats(String campaign, Instant asOf, Tally activities, Tally partnerEvents,
		int participatingOrganisations) {

	/**
	 * Counts of one kind of item. {@code published} = {@code upcoming} + {@code past}; cancelled
	 * items are counted apart and nowhere else.
	 */
	record Tally(int published, int upcoming, int past, int cancelled, int withoutKommune, List<Count> byKommune,
			List<Count> byRegion) {
	}

	/** How many items one kommune or region has; only places with at least one are listed. */
	record Count(String code, String name, int count) {
	}

}
