package dk.sammen.campaign.participation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.campaign.activity.ActivityDirectory;
import dk.sammen.campaign.campaign.CampaignDirectory;
import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Computes {@link CampaignStats} from the read model and the campaign's activities. */
@Component
class CampaignStatistics {

	private final ReactiveMongoTemplate mongo;

	private final CampaignDirectory campaigns;

	private final ActivityDirectory activities;

	private final Kommuner kommuner;

	private final Clock clock;

	CampaignStatistics(ReactiveMongoTemplate mongo, CampaignDirectory campaigns, ActivityDirectory activities,
			Kommuner kommuner, Clock clock) {
		this.mongo = mongo;
		this.campaigns = campaigns;
		this.activities = activities;
		this.kommuner = kommuner;
		this.clock = clock;
	}

	Mono<CampaignStats> of(String campaign) {
		Instant now = this.clock.instant();
		Query joined = Query.query(Criteria.where("campaign").is(campaign).and("status").in("published", "cancelled"));
		Mono<List<Item>> events = this.mongo.find(joined, Participation.class)
			.map((p) -> new Item("cancelled".equals(p.status()), p.kommuneCode(), p.regionCode(), p.endsAt(),
					p.organisationId()))
			.collectList();
		Mono<List<Item>> activities = this.activities.publicActivities(campaign)
			.map((a) -> new Item(a.cancelled(), a.kommuneCode(), a.regionCode(), a.over(), null))
			.collectList();
		return this.campaigns.requireExists(campaign)
			.then(Mono.zip(activities, events))
			.map((both) -> {
				Set<String> organisations = new HashSet<>();
				both.getT2().stream().filter((item) -> !item.cancelled() && item.organisationId() != null)
					.forEach((item) -> organisations.add(item.organisationId()));
				return new CampaignStats(campaign, now, tally(both.getT1(), now), tally(both.getT2(), now),
						organisations.size());
			});
	}

	private CampaignStats.Tally tally(List<Item> items, Instant now) {
		int upcoming = 0;
		int past = 0;
		int cancelled = 0;
		int withoutKommune = 0;
		Map<String, Integer> byKommune = new TreeMap<>();
		Map<String, Integer> byRegion = new TreeMap<>();
		for (Item item : items) {
			if (item.cancelled()) {
				cancelled++;
				continue;
			}
			if (item.over().isAfter(now)) {
				upcoming++;
			}
			else {
				past++;
			}
			if (item.kommuneCode() == null) {
				withoutKommune++;
			}
			else {
				byKommune.merge(item.kommuneCode(), 1, Integer::sum);
			}
			if (item.regionCode() != null) {
				byRegion.merge(item.regionCode(), 1, Integer::sum);
			}
		}
		List<CampaignStats.Count> kommuneCounts = new ArrayList<>();
		byKommune.forEach((code, count) -> kommuneCounts.add(new CampaignStats.Count(code,
				this.kommuner.byCode(code).map(Kommune::name).orElse(code), count)));
		List<CampaignStats.Count> regionCounts = new ArrayList<>();
		byRegion.forEach((code, count) -> regionCounts
			.add(new CampaignStats.Count(code, this.kommuner.regions().getOrDefault(code, code), count)));
		return new CampaignStats.Tally(upcoming + past, upcoming, past, cancelled, withoutKommune, kommuneCounts,
				regionCounts);
	}

	private record Item(boolean cancelled, @Nullable String kommuneCode, @Nullable String regionCode, Instant over,
			@Nullable String organisationId) {
	}

}
