package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Coverage of Denmark for one question: per kommune, per region and for the whole country.
 *
 * @param asOf the moment "upcoming" was judged at
 * @param withinKm the reach radius around each kommune's reference point
 * @param populationSource where the population figures come from
 */
record CoverageReport(Instant asOf, Instant from, Instant to, Map<String, Object> filters, double withinKm,
		String populationSource, National national, List<Region> regions, List<KommuneCoverage> kommuner) {

	/**
	 * Counts of the offers that count (see {@link CoverageRules#counts}).
	 *
	 * @param events published events not yet over in the period, of the kind asked for
	 * @param organisations distinct organisations behind them
	 * @param free those with a price of 0 DKK
	 * @param byProgramme per programme, every programme listed
	 * @param byArena per life arena an event names (an event naming two counts under both)
	 * @param byInterventionType per intervention strategy an event names
	 * @param byTargetGroup per target group an event names ({@code alle} only where it says {@code alle})
	 */
	record Offers(int events, int organisations, int free, Map<String, Integer> byProgramme,
			Map<String, Integer> byArena, Map<String, Integer> byInterventionType, Map<String, Integer> byTargetGroup) {
	}

	/**
	 * One kommune.
	 *
	 * @param offers the offers located in the kommune
	 * @param offersWithinKm located offers (in any kommune) within {@code withinKm} of the reference point
	 * @param nearestOfferKm kilometres from the reference point to the nearest located offer, null if there is none
	 * @param reachable whether {@code offersWithinKm} is at least 1
	 */
	record KommuneCoverage(String code, String name, String regionCode, String regionName, int population,
			Offers offers, int offersWithinKm, @Nullable Double nearestOfferKm, boolean reachable) {
	}

	/**
	 * One region.
	 *
	 * @param kommunerWithOffers kommuner with at least one offer located in them
	 * @param kommunerReachable kommuner with an offer within {@code withinKm} of their reference point
	 * @param shareOfPopulationReachable residents of the reachable kommuner / all residents, 0–1
	 */
	record Region(String code, String name, int population, int kommuner, int kommunerWithOffers,
			int kommunerReachable, double shareOfKommunerReachable, double shareOfPopulationReachable, Offers offers) {
	}

	/**
	 * The whole country; {@code offers} includes the online-only offers, which no kommune or region counts.
	 */
	record National(int population, int kommuner, int kommunerWithOffers, int kommunerReachable,
			double shareOfKommunerReachable, double shareOfPopulationReachable, int onlineOnly, Offers offers) {
	}

}
