package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A campaign's reach over time: its published activities and the published partner events that
 * joined it ({@code "campaign": slug}), per calendar month (Danish time, by start) and region.
 *
 * @param regions the region codes and names, in the order of every {@code byRegion}
 */
record Reach(String campaign, Instant asOf, Instant from, Instant to, Map<String, String> regions,
		List<Month> months) {

	/** One month, e.g. {@code 2027-02}. */
	record Month(String month, Series activities, Series joinedEvents) {
	}

	/**
	 * @param byRegion per region code, every region listed
	 * @param withoutRegion nationwide activities, or partner events that are online only
	 */
	record Series(int total, Map<String, Integer> byRegion, int withoutRegion) {
	}

}
