package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.geography.Kommuner;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of what counts and where: period overlap, kind, "not over", position, distance. */
class CoverageRulesTests {

	private static final Instant FROM = Instant.parse("2033-03-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2033-04-01T00:00:00Z");

	private static final Kommuner kommuner = Kommuner.load();

	@Test
	void overlaps_eventAcrossEitherEdge_isInPeriod() {
		assertThat(CoverageRules.overlaps(FROM.minusSeconds(3600), FROM.plusSeconds(1), FROM, TO)).isTrue();
		assertThat(CoverageRules.overlaps(TO.minusSeconds(1), TO.plusSeconds(3600), FROM, TO)).isTrue();
		assertThat(CoverageRules.overlaps(FROM.minusSeconds(10), TO.plusSeconds(10), FROM, TO)).isTrue();
	}

	@Test
	void overlaps_eventTouchingAnEdgeOnly_isNotInPeriod() {
		assertThat(CoverageRules.overlaps(FROM.minusSeconds(3600), FROM, FROM, TO)).isFalse();
		assertThat(CoverageRules.overlaps(TO, TO.plusSeconds(3600), FROM, TO)).isFalse();
	}

	@Test
	void counts_publishedNotOverInPeriod_counts() {
		Offer offer = offer("published", Instant.parse("2033-03-10T16:00:00Z"), List.of("aeldre"));
		assertThat(CoverageRules.counts(offer, query(List.of(), List.of()), FROM)).isTrue();
	}

	@Test
	void counts_cancelledOrAlreadyOver_doesNotCount() {
		Instant starts = Instant.parse("2033-03-10T16:00:00Z");
		assertThat(CoverageRules.counts(offer("cancelled", starts, List.of("alle")), query(List.of(), List.of()), FROM))
			.isFalse();
		// under way at "now" still counts, over does not
		assertThat(CoverageRules.counts(offer("published", starts, List.of("alle")), query(List.of(), List.of()),
				starts.plusSeconds(3600))).isTrue();
		assertThat(CoverageRules.counts(offer("published", starts, List.of("alle")), query(List.of(), List.of()),
				starts.plusSeconds(7200))).isFalse();
	}

	@Test
	void ofKind_targetGroupFilter_matchesThatGroupAndAlle() {
		Instant starts = Instant.parse("2033-03-10T16:00:00Z");
		CoverageQuery forElderly = query(List.of(), List.of("aeldre"));
		assertThat(CoverageRules.ofKind(offer("published", starts, List.of("aeldre")), forElderly)).isTrue();
		assertThat(CoverageRules.ofKind(offer("published", starts, List.of("alle")), forElderly)).isTrue();
		assertThat(CoverageRules.ofKind(offer("published", starts, List.of("unge")), forElderly)).isFalse();
	}

	@Test
	void ofKind_repeatedArena_isAlternatives() {
		Offer offer = offer("published", Instant.parse("2033-03-10T16:00:00Z"), List.of("alle"));
		assertThat(CoverageRules.ofKind(offer, query(List.of("hjem-og-bolig", "fritid-og-faellesskaber"), List.of())))
			.isTrue();
		assertThat(CoverageRules.ofKind(offer, query(List.of("hjem-og-bolig"), List.of()))).isFalse();
	}

	@Test
	void position_withoutCoordinates_isKommuneReferencePoint_onlineOnly_isNone() {
		Offer atVenue = withPlace("0661", 56.4, 8.6);
		Offer noCoordinates = withPlace("0661", null, null);
		Offer online = withPlace(null, null, null);
		assertThat(CoverageRules.position(atVenue, kommuners())).isEqualTo(new GeoPoint(56.4, 8.6));
		assertThat(CoverageRules.position(noCoordinates, kommuners()))
			.isEqualTo(kommuner.byCode("0661").orElseThrow().point());
		assertThat(CoverageRules.position(online, kommuners())).isNull();
	}

	@Test
	void within_countsOffersUpToAndIncludingTheRadius() {
		GeoPoint centre = new GeoPoint(56.0, 10.0);
		// one degree of latitude is 111.2 km on the platform's sphere
		GeoPoint nine = new GeoPoint(56.0 + 9 / 111.195, 10.0);
		GeoPoint eleven = new GeoPoint(56.0 - 11 / 111.195, 10.0);
		Map<GeoPoint, Integer> places = Map.of(nine, 1, eleven, 1, centre, 2);
		assertThat(CoverageRules.within(centre, places, 10)).isEqualTo(3);
		assertThat(CoverageRules.within(centre, places, 12)).isEqualTo(4);
		assertThat(CoverageRules.within(centre, Map.of(), 12)).isZero();
	}

	@Test
	void within_placeExactlyOnTheRadius_counts() {
		GeoPoint centre = new GeoPoint(56.0, 10.0);
		GeoPoint edge = new GeoPoint(56.1, 10.0);
		double km = centre.distanceKm(edge);
		assertThat(CoverageRules.within(centre, Map.of(edge, 1), km)).isEqualTo(1);
		assertThat(CoverageRules.within(centre, Map.of(edge, 1), km - 0.001)).isZero();
	}

	@Test
	void nearestKm_isTheSmallestDistance_orNullWithoutPlaces() {
		GeoPoint centre = new GeoPoint(56.0, 10.0);
		GeoPoint far = new GeoPoint(57.0, 10.0);
		GeoPoint near = new GeoPoint(56.1, 10.0);
		assertThat(CoverageRules.nearestKm(centre, Map.of(far, 3, near, 1)))
			.isCloseTo(11.12, org.assertj.core.data.Offset.offset(0.01));
		assertThat(CoverageRules.nearestKm(centre, Map.of())).isNull();
	}

	private static Kommuner kommuners() {
		return kommuner;
	}

	static CoverageQuery query(List<String> arenas, List<String> targetGroups) {
		return new CoverageQuery(FROM, TO, List.of(), arenas, List.of(), targetGroups, 10,
				CoverageQuery.RankBy.POPULATION, CoverageQuery.MapStyle.CHOROPLETH);
	}

	private static Offer offer(String status, Instant startsAt, List<String> targetGroups) {
		return new Offer("e1", 2, status, "local-partnership", null, "org-1", "0661", "1082", null, null, false,
				List.of("fritid-og-faellesskaber"), List.of("socialt-netvaerk"), targetGroups, true, startsAt,
				startsAt.plusSeconds(7200), "ce-1", startsAt);
	}

	private static Offer withPlace(String kommuneCode, Double lat, Double lon) {
		Instant starts = Instant.parse("2033-03-10T16:00:00Z");
		return new Offer("e1", 2, "published", "other", null, "org-1", kommuneCode, (kommuneCode != null) ? "1082" : null,
				lat, lon, kommuneCode == null, List.of(), List.of(), List.of("alle"), true, starts,
				starts.plusSeconds(7200), "ce-1", starts);
	}

	@Test
	void availableUntil_seriesAndFreshness_extendOrCutTheOffer() {
		Instant first = Instant.parse("2027-03-02T09:00:00Z");
		EventSnapshotV1.ScheduleV1 open = new EventSnapshotV1.ScheduleV1("FREQ=WEEKLY;BYDAY=TU", List.of(), List.of(), null);
		EventSnapshotV1.ScheduleV1 ending = new EventSnapshotV1.ScheduleV1("FREQ=WEEKLY;BYDAY=TU;COUNT=10", List.of(),
				List.of(), Instant.parse("2027-05-04T11:00:00Z"));
		assertThat(CoverageRules.availableUntil(event(first, null, null))).isEqualTo(first.plusSeconds(7200));
		assertThat(CoverageRules.availableUntil(event(first, ending, null))).isEqualTo(Instant.parse("2027-05-04T11:00:00Z"));
		assertThat(CoverageRules.availableUntil(event(first, open, null))).isEqualTo(CoverageRules.OPEN_END);
		assertThat(CoverageRules.availableUntil(event(first, open, Instant.parse("2027-06-01T00:00:00Z"))))
			.isEqualTo(Instant.parse("2027-06-01T00:00:00Z"));
		// a series that started before a period is on offer in it
		assertThat(CoverageRules.overlaps(first, CoverageRules.availableUntil(event(first, open, null)),
				Instant.parse("2027-09-01T00:00:00Z"), Instant.parse("2027-10-01T00:00:00Z"))).isTrue();
	}

	private static EventSnapshotV1 event(Instant startsAt, EventSnapshotV1.ScheduleV1 schedule, Instant visibleUntil) {
		return new EventSnapshotV1("e-1", "org-1", "Forening", "published", 2, "Kaffe", "", "local-partnership", null,
				startsAt, startsAt.plusSeconds(7200), null, new EventSnapshotV1.OnlineV1("https://example.dk"), List.of(),
				List.of(), List.of(), List.of("da"), 0, null, null, List.of(), List.of(), null, null, schedule,
				visibleUntil, startsAt, startsAt);
	}

}
