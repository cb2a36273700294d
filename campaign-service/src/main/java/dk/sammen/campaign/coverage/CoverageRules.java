package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;

/** Which offers count for a coverage question, and where they are. */
final class CoverageRules {

	private CoverageRules() {
	}

	/** Far enough for a series without end; inside the range MongoDB dates can hold. */
	static final Instant OPEN_END = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * Until when an event is on offer: a series until its last occurrence ends (or open), anything
	 * until it leaves public listings for want of re-confirmation, if that is sooner.
	 */
	static Instant availableUntil(EventSnapshotV1 event) {
		Instant end = event.endsAt();
		EventSnapshotV1.ScheduleV1 schedule = event.schedule();
		if (schedule != null) {
			end = (schedule.seriesEndsAt() != null) ? schedule.seriesEndsAt() : OPEN_END;
		}
		Instant visibleUntil = event.visibleUntil();
		return (visibleUntil != null && visibleUntil.isBefore(end)) ? visibleUntil : end;
	}

	/** Whether [{@code startsAt}, {@code endsAt}) and [{@code from}, {@code to}) share an instant. */
	static boolean overlaps(Instant startsAt, Instant endsAt, Instant from, Instant to) {
		return startsAt.isBefore(to) && endsAt.isAfter(from);
	}

	/**
	 * Whether {@code offer} counts: published, not over at {@code now} (upcoming or under way), in
	 * the period, and of the kind asked for.
	 */
	static boolean counts(Offer offer, CoverageQuery query, Instant now) {
		return CoverageVocabulary.PUBLISHED.equals(offer.status()) && offer.endsAt().isAfter(now)
				&& overlaps(offer.startsAt(), offer.endsAt(), query.from(), query.to()) && ofKind(offer, query);
	}

	static boolean ofKind(Offer offer, CoverageQuery query) {
		return (query.programmes().isEmpty() || query.programmes().contains(offer.programme()))
				&& anyOf(query.arenas(), offer.arenas()) && anyOf(query.interventionTypes(), offer.interventionTypes())
				&& (query.targetGroups().isEmpty() || offer.targetGroups().contains(CoverageVocabulary.ALL_GROUPS)
						|| anyOf(query.targetGroups(), offer.targetGroups()));
	}

	/**
	 * Where an offer takes place: the venue's coordinates, or the reference point of its kommune
	 * when the partner gave none; null for an offer that is online only.
	 */
	static @Nullable GeoPoint position(Offer offer, Kommuner kommuner) {
		if (offer.kommuneCode() == null) {
			return null;
		}
		if (offer.lat() != null && offer.lon() != null) {
			return new GeoPoint(offer.lat(), offer.lon());
		}
		return kommuner.byCode(offer.kommuneCode()).map(Kommune::point).orElse(null);
	}

	/**
	 * Kilometres from {@code from} to the nearest of {@code places}, or null when there is none.
	 * Places are counted positions: many offers share their kommune's reference point, so each
	 * position is measured once.
	 */
	static @Nullable Double nearestKm(GeoPoint from, Map<GeoPoint, Integer> places) {
		Double nearest = null;
		for (GeoPoint place : places.keySet()) {
			double km = from.distanceKm(place);
			if (nearest == null || km < nearest) {
				nearest = km;
			}
		}
		return nearest;
	}

	/** How many offers at {@code places} lie within {@code radiusKm} of {@code from}, the boundary included. */
	static int within(GeoPoint from, Map<GeoPoint, Integer> places, double radiusKm) {
		int count = 0;
		for (Map.Entry<GeoPoint, Integer> place : places.entrySet()) {
			if (from.distanceKm(place.getKey()) <= radiusKm) {
				count += place.getValue();
			}
		}
		return count;
	}

	private static boolean anyOf(List<String> wanted, List<String> offered) {
		return wanted.isEmpty() || wanted.stream().anyMatch(offered::contains);
	}

}
