package dk.sammen.gateway.feed;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.Violations;
import dk.sammen.platform.text.SearchWords;
import org.springframework.util.MultiValueMap;

import static dk.sammen.platform.web.QueryParameters.bool;
import static dk.sammen.platform.web.QueryParameters.instant;
import static dk.sammen.platform.web.QueryParameters.point;
import static dk.sammen.platform.web.QueryParameters.values;

/**
 * The feed's filters applied in the gateway, to the changes on the topics, with the same meaning
 * the services give them in their listings. Repeated or comma-separated values are alternatives;
 * different filters must all hold. Slugs of vocabularies events-service owns (programme, arena …)
 * are not checked here: an unknown one simply matches nothing.
 *
 * @param activities whether the query can match campaign activities at all: the JSON feed's rule
 * ({@link CampaignActivitiesSource#includes}), so that the stream and the pages agree
 */
record StreamQuery(List<String> kommuner, List<String> regions, List<String> programmes, List<String> campaigns,
		List<String> arenas, List<String> interventionTypes, List<String> targetGroups, @Nullable Instant from,
		@Nullable Instant to, @Nullable GeoPoint near, double radiusKm, @Nullable Boolean free,
		@Nullable Boolean online, List<String> welcome, List<String> words, boolean activities) {

	private static final double DEFAULT_RADIUS_KM = 10;

	static StreamQuery parse(MultiValueMap<String, String> params, Kommuner kommuner) {
		Violations violations = new Violations();
		List<String> kommuneCodes = values(params, "kommune");
		violations.require(kommuneCodes.stream().allMatch(kommuner::isKommune), "kommune",
				"official four-digit kommune codes such as '0661'");
		List<String> regions = values(params, "region");
		violations.require(regions.stream().allMatch(kommuner::isRegion), "region", "region codes 1081 to 1085");
		Instant from = instant(violations, params.getFirst("from"), "from", false);
		Instant to = instant(violations, params.getFirst("to"), "to", true);
		GeoPoint near = null;
		if (params.getFirst("near") != null) {
			near = point(params.getFirst("near"));
			violations.require(near != null, "near", "latitude,longitude such as '56.36,8.62'");
		}
		double radius = DEFAULT_RADIUS_KM;
		String radiusValue = params.getFirst("radiusKm");
		if (radiusValue != null) {
			try {
				radius = Double.parseDouble(radiusValue);
			}
			catch (NumberFormatException ex) {
				radius = -1;
			}
			violations.require(radius >= 0.1 && radius <= 500, "radiusKm", "a number from 0.1 to 500.0");
		}
		Boolean free = bool(violations, params, "free");
		Boolean online = bool(violations, params, "online");
		String q = params.getFirst("q");
		violations.require(q == null || q.length() <= 200, "q", "at most 200 characters");
		if (!violations.isEmpty()) {
			throw FeedQuery.invalid(violations.list());
		}
		return new StreamQuery(kommuneCodes, regions, values(params, "programme"), values(params, "campaign"),
				values(params, "arena"), values(params, "interventionType"), values(params, "targetGroup"), from, to,
				near, radius, free, online, values(params, "welcome"), (q != null) ? SearchWords.ofQuery(q) : List.of(),
				CampaignActivitiesSource.includes(FeedQuery.filtersOf(params)));
	}

	/** Whether the listing with these filters, asked now, would show the event. */
	boolean matches(EventSnapshotV1 event, Instant now) {
		EventSnapshotV1.LocationV1 location = event.location();
		return anyOf(this.kommuner, (location != null) ? List.of(location.kommuneCode()) : List.of())
				&& anyOf(this.regions, (location != null) ? List.of(location.regionCode()) : List.of())
				&& anyOf(this.programmes, List.of(event.programme()))
				&& anyOf(this.campaigns, (event.campaign() != null) ? List.of(event.campaign()) : List.of())
				&& anyOf(this.arenas, event.arenas()) && anyOf(this.interventionTypes, event.interventionTypes())
				&& anyOf(this.welcome, event.welcome())
				&& (this.targetGroups.isEmpty() || event.targetGroups().contains("alle")
						|| anyOf(this.targetGroups, event.targetGroups()))
				&& event.endsAt().isAfter((this.from != null) ? this.from : now)
				&& (this.to == null || event.startsAt().isBefore(this.to)) && free(event.priceDkk())
				&& (this.online == null || (this.online ? event.online() != null : location != null))
				&& (this.words.isEmpty() || words(event).containsAll(this.words))
				&& near(location);
	}

	/**
	 * Whether campaign-service's listing with these filters, asked now, would show the activity: a
	 * nationwide activity matches every kommune and region, and one without an end is over once
	 * it started.
	 */
	boolean matches(CampaignActivitySnapshotV1 activity, Instant now) {
		Instant ends = (activity.endsAt() != null) ? activity.endsAt() : activity.startsAt();
		return this.activities
				&& (this.kommuner.isEmpty() || activity.kommuneCode() == null
						|| this.kommuner.contains(activity.kommuneCode()))
				&& (this.regions.isEmpty() || activity.regionCode() == null
						|| this.regions.contains(activity.regionCode()))
				&& anyOf(this.campaigns, List.of(activity.campaign()))
				&& !ends.isBefore((this.from != null) ? this.from : now)
				&& (this.to == null || activity.startsAt().isBefore(this.to));
	}

	private boolean free(@Nullable Integer price) {
		if (this.free == null) {
			return true;
		}
		return this.free ? Integer.valueOf(0).equals(price) : price != null && price > 0;
	}

	private boolean near(EventSnapshotV1.@Nullable LocationV1 location) {
		if (this.near == null) {
			return true;
		}
		return location != null && location.lat() != null && location.lon() != null
				&& this.near.distanceKm(new GeoPoint(location.lat(), location.lon())) <= this.radiusKm;
	}

	private static boolean anyOf(List<String> wanted, Collection<String> actual) {
		return wanted.isEmpty() || actual.stream().anyMatch(wanted::contains);
	}

	/** The words events-service indexes for an event, so the stream matches {@code q} as the listing does. */
	private static List<String> words(EventSnapshotV1 event) {
		return (event.location() != null)
				? SearchWords.of(event.title(), event.description(), event.location().venue(), event.location().city())
				: SearchWords.of(event.title(), event.description());
	}

}
