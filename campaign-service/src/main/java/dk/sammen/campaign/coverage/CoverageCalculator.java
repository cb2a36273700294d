package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dk.sammen.campaign.coverage.CoverageReport.KommuneCoverage;
import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;

/** Aggregates the offers that count into a {@link CoverageReport}; no I/O, so it is tested directly. */
final class CoverageCalculator {

	private final Kommuner kommuner;

	private final Populations populations;

	CoverageCalculator(Kommuner kommuner, Populations populations) {
		this.kommuner = kommuner;
		this.populations = populations;
	}

	CoverageReport report(Collection<Offer> candidates, CoverageQuery query, Instant now) {
		List<Offer> counted = candidates.stream().filter((offer) -> CoverageRules.counts(offer, query, now)).toList();
		Map<GeoPoint, Integer> places = new HashMap<>();
		Map<String, Tally> byKommune = new LinkedHashMap<>();
		Map<String, Tally> byRegion = new LinkedHashMap<>();
		Tally national = new Tally();
		int onlineOnly = 0;
		for (Offer offer : counted) {
			national.add(offer);
			if (offer.kommuneCode() == null) {
				onlineOnly++;
				continue;
			}
			byKommune.computeIfAbsent(offer.kommuneCode(), (code) -> new Tally()).add(offer);
			if (offer.regionCode() != null) {
				byRegion.computeIfAbsent(offer.regionCode(), (code) -> new Tally()).add(offer);
			}
			GeoPoint place = CoverageRules.position(offer, this.kommuner);
			if (place != null) {
				places.merge(place, 1, Integer::sum);
			}
		}
		List<KommuneCoverage> kommuneCoverage = new ArrayList<>();
		// the reference list's map has no order; answers list kommuner by code
		List<Kommune> byCode = this.kommuner.all().stream().sorted(Comparator.comparing(Kommune::code)).toList();
		for (Kommune kommune : byCode) {
			Tally tally = byKommune.getOrDefault(kommune.code(), new Tally());
			int within = CoverageRules.within(kommune.point(), places, query.withinKm());
			Double nearest = CoverageRules.nearestKm(kommune.point(), places);
			kommuneCoverage.add(new KommuneCoverage(kommune.code(), kommune.name(), kommune.regionCode(),
					kommune.regionName(), this.populations.of(kommune.code()), tally.offers(), within,
					(nearest != null) ? round(nearest, 1) : null, within > 0));
		}
		List<CoverageReport.Region> regions = new ArrayList<>();
		new TreeMap<>(this.kommuner.regions()).forEach((code, name) -> {
			Share share = share(kommuneCoverage.stream().filter((k) -> k.regionCode().equals(code)).toList());
			regions.add(new CoverageReport.Region(code, name, share.population(), share.kommuner(),
					share.withOffers(), share.reachable(), share.ofKommuner(), share.ofPopulation(),
					byRegion.getOrDefault(code, new Tally()).offers()));
		});
		Share all = share(kommuneCoverage);
		CoverageReport.National country = new CoverageReport.National(all.population(), all.kommuner(),
				all.withOffers(), all.reachable(), all.ofKommuner(), all.ofPopulation(), onlineOnly, national.offers());
		return new CoverageReport(now, query.from(), query.to(), query.filters(), query.withinKm(), Populations.SOURCE,
				country, List.copyOf(regions), List.copyOf(kommuneCoverage));
	}

	/** The kommuner with no offer of the kind located in them, ranked as the query asks. */
	static List<Gaps.Gap> gaps(CoverageReport report, CoverageQuery.RankBy rankBy) {
		Comparator<KommuneCoverage> byPopulation = Comparator
			.comparingInt(KommuneCoverage::population).reversed();
		// no offer anywhere is the farthest of all
		Comparator<KommuneCoverage> byDistance = Comparator.comparingDouble(
				(KommuneCoverage k) -> (k.nearestOfferKm() != null) ? k.nearestOfferKm() : Double.POSITIVE_INFINITY)
			.reversed();
		Comparator<KommuneCoverage> order = (rankBy == CoverageQuery.RankBy.DISTANCE)
				? byDistance.thenComparing(byPopulation) : byPopulation.thenComparing(byDistance);
		List<KommuneCoverage> without = report.kommuner().stream().filter((k) -> k.offers().events() == 0)
			.sorted(order.thenComparing(KommuneCoverage::code)).toList();
		List<Gaps.Gap> gaps = new ArrayList<>();
		for (int i = 0; i < without.size(); i++) {
			KommuneCoverage k = without.get(i);
			gaps.add(new Gaps.Gap(i + 1, k.code(), k.name(), k.regionCode(), k.regionName(), k.population(),
					k.nearestOfferKm(), k.offersWithinKm()));
		}
		return List.copyOf(gaps);
	}

	private static Share share(List<KommuneCoverage> kommuner) {
		int population = 0;
		int reachablePopulation = 0;
		int withOffers = 0;
		int reachable = 0;
		for (KommuneCoverage kommune : kommuner) {
			population += kommune.population();
			if (kommune.offers().events() > 0) {
				withOffers++;
			}
			if (kommune.reachable()) {
				reachable++;
				reachablePopulation += kommune.population();
			}
		}
		return new Share(population, kommuner.size(), withOffers, reachable,
				kommuner.isEmpty() ? 0 : round((double) reachable / kommuner.size(), 4),
				(population == 0) ? 0 : round((double) reachablePopulation / population, 4));
	}

	static double round(double value, int decimals) {
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

	private record Share(int population, int kommuner, int withOffers, int reachable, double ofKommuner,
			double ofPopulation) {
	}

	/** Counts of one place while the offers are walked. */
	private static final class Tally {

		private int events;

		private int free;

		private final Set<String> organisations = new HashSet<>();

		private final Map<String, Integer> byProgramme = zeros(CoverageVocabulary.PROGRAMMES);

		private final Map<String, Integer> byArena = zeros(CoverageVocabulary.ARENAS);

		private final Map<String, Integer> byInterventionType = zeros(CoverageVocabulary.INTERVENTION_TYPES);

		private final Map<String, Integer> byTargetGroup = zeros(CoverageVocabulary.TARGET_GROUPS);

		void add(Offer offer) {
			this.events++;
			if (offer.free()) {
				this.free++;
			}
			this.organisations.add(offer.organisationId());
			increment(this.byProgramme, List.of(offer.programme()));
			increment(this.byArena, offer.arenas());
			increment(this.byInterventionType, offer.interventionTypes());
			increment(this.byTargetGroup, offer.targetGroups());
		}

		CoverageReport.Offers offers() {
			return new CoverageReport.Offers(this.events, this.organisations.size(), this.free,
					unmodifiable(this.byProgramme), unmodifiable(this.byArena), unmodifiable(this.byInterventionType),
					unmodifiable(this.byTargetGroup));
		}

		private static Map<String, Integer> zeros(List<String> keys) {
			Map<String, Integer> counts = new LinkedHashMap<>();
			keys.forEach((key) -> counts.put(key, 0));
			return counts;
		}

		/** Values outside the vocabulary (a newer events-service) are not counted under a name of their own. */
		private static void increment(Map<String, Integer> counts, List<String> values) {
			for (String value : new HashSet<>(values)) {
				counts.computeIfPresent(value, (key, count) -> count + 1);
			}
		}

		private static Map<String, Integer> unmodifiable(Map<String, Integer> counts) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
		}

	}

}
