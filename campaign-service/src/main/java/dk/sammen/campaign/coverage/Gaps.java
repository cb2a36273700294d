package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The kommuner with no offer of the kind located in them, in the period.
 *
 * @param rankedBy {@code population} (most residents first) or {@code distance} (farthest from the
 * nearest offer first; a kommune with no offer anywhere to measure to comes first)
 */
record Gaps(Instant asOf, Instant from, Instant to, Map<String, Object> filters, double withinKm, String rankedBy,
		String populationSource, int count, List<Gap> gaps) {

	/**
	 * @param nearestOfferKm kilometres from the reference point to the nearest offer in another kommune, null if none
	 * @param offersWithinKm offers in neighbouring kommuner within {@code withinKm} of the reference point
	 */
	record Gap(int rank, String code, String name, String regionCode, String regionName, int population,
			@Nullable Double nearestOfferKm, int offersWithinKm) {
	}

}
