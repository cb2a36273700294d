package dk.sammen.campaign.coverage;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.campaign.activity.ActivityDirectory;
import dk.sammen.campaign.campaign.CampaignDirectory;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import dk.sammen.platform.programme.Programmes;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import static dk.sammen.platform.web.QueryParameters.instant;

/**
 * {@link Reach} of a campaign, "Vær en, som rækker ud" by default: activities from the campaign's
 * own store, joined partner events from {@code coverage-offers} (index {@code campaign_status_starts}).
 * The period is whole months: {@code from} and {@code to} name days, and the months containing them
 * are shown; by default the six months before this one, this one and the five after it.
 */
@Component
class CampaignReach {

	static final Set<String> PARAMETERS = Set.of("campaign", "from", "to");

	static final int MAX_MONTHS = 36;

	private final ReactiveMongoTemplate mongo;

	private final ActivityDirectory activities;

	private final CampaignDirectory campaigns;

	private final Kommuner kommuner;

	private final Clock clock;

	CampaignReach(ReactiveMongoTemplate mongo, ActivityDirectory activities, CampaignDirectory campaigns,
			Kommuner kommuner, Clock clock) {
		this.mongo = mongo;
		this.activities = activities;
		this.campaigns = campaigns;
		this.kommuner = kommuner;
		this.clock = clock;
	}

	/** The months asked for, checked before anything is read. */
	record Period(String campaign, YearMonth first, YearMonth last) {

		Instant start() {
			return this.first.atDay(1).atStartOfDay(Svg.DANISH_TIME).toInstant();
		}

		Instant end() {
			return this.last.plusMonths(1).atDay(1).atStartOfDay(Svg.DANISH_TIME).toInstant();
		}

	}

	Period period(MultiValueMap<String, String> params) {
		Violations violations = new Violations();
		params.keySet().stream().filter((name) -> !PARAMETERS.contains(name)).sorted()
			.forEach((name) -> violations.add(name, "not a parameter of this query; use " + new TreeSet<>(PARAMETERS)));
		String campaign = (params.getFirst("campaign") != null) ? params.getFirst("campaign")
				: Programmes.VAER_EN_SOM_RAEKKER_UD;
		YearMonth now = YearMonth.from(this.clock.instant().atZone(Svg.DANISH_TIME));
		Instant from = instant(violations, params.getFirst("from"), "from", false);
		Instant to = instant(violations, params.getFirst("to"), "to", false);
		YearMonth first = (from != null) ? month(from) : now.minusMonths(6);
		YearMonth last = (to != null) ? month(to) : first.plusMonths(11);
		if (violations.require(!last.isBefore(first), "to", "not before from")) {
			violations.require(first.until(last, ChronoUnit.MONTHS) < MAX_MONTHS, "to",
					"at most " + MAX_MONTHS + " months after from");
		}
		if (!violations.isEmpty()) {
			ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameters",
					violations.list().size() + " query parameter(s) are not valid");
			problem.getBody().setProperty("errors", violations.list());
			throw problem;
		}
		return new Period(campaign, first, last);
	}

	Mono<Reach> of(Period period) {
		Instant start = period.start();
		Instant end = period.end();
		Mono<List<Dated>> activities = this.activities.publicActivities(period.campaign())
			.filter((activity) -> !activity.cancelled() && !activity.startsAt().isBefore(start)
					&& activity.startsAt().isBefore(end))
			.map((activity) -> new Dated(activity.startsAt(), activity.regionCode()))
			.collectList();
		Query joined = Query.query(Criteria.where("campaign").is(period.campaign())
			.and("status").is(CoverageVocabulary.PUBLISHED)
			.and("startsAt").gte(start).lt(end));
		Mono<List<Dated>> events = this.mongo.find(joined, Offer.class)
			.map((offer) -> new Dated(offer.startsAt(), offer.regionCode()))
			.collectList();
		return this.campaigns.requireExists(period.campaign())
			.then(Mono.zip(activities, events))
			.map((both) -> {
				List<Reach.Month> months = new ArrayList<>();
				for (YearMonth month = period.first(); !month.isAfter(period.last()); month = month.plusMonths(1)) {
					YearMonth current = month;
					months.add(new Reach.Month(current.toString(), series(both.getT1(), current),
							series(both.getT2(), current)));
				}
				return new Reach(period.campaign(), this.clock.instant(), start, end,
						Collections.unmodifiableMap(new TreeMap<>(this.kommuner.regions())),
						List.copyOf(months));
			});
	}

	private Reach.Series series(List<Dated> items, YearMonth month) {
		Map<String, Integer> byRegion = new LinkedHashMap<>();
		this.kommuner.regions().keySet().stream().sorted().forEach((code) -> byRegion.put(code, 0));
		int total = 0;
		int withoutRegion = 0;
		for (Dated item : items) {
			if (!month(item.startsAt()).equals(month)) {
				continue;
			}
			total++;
			if (item.regionCode() == null || !byRegion.containsKey(item.regionCode())) {
				withoutRegion++;
			}
			else {
				byRegion.merge(item.regionCode(), 1, Integer::sum);
			}
		}
		return new Reach.Series(total, Collections.unmodifiableMap(byRegion), withoutRegion);
	}

	private static YearMonth month(Instant instant) {
		ZonedDateTime danish = instant.atZone(Svg.DANISH_TIME);
		return YearMonth.from(danish);
	}

	private record Dated(Instant startsAt, @Nullable String regionCode) {
	}

}
