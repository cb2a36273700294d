package dk.sammen.campaign.activity;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@code sammen.campaign.activities{campaign}}: published activities per campaign now, sampled
 * from the store every 30 s, so cancellations count down as well (unlike the counter of
 * publications).
 */
@Component
class ActivityGauges implements SmartLifecycle {

	private static final Duration INTERVAL = Duration.ofSeconds(30);

	private final ReactiveMongoTemplate mongo;

	private final MultiGauge published;

	private volatile @Nullable Disposable sampling;

	ActivityGauges(ReactiveMongoTemplate mongo, MeterRegistry meters) {
		this.mongo = mongo;
		this.published = MultiGauge.builder("sammen.campaign.activities")
			.description("Published campaign activities per campaign")
			.register(meters);
	}

	Mono<Map<String, Long>> sample() {
		Query published = Query.query(Criteria.where("status").is(ActivityVocabulary.PUBLISHED));
		published.fields().include("campaign");
		return this.mongo.find(published, CampaignActivityCampaign.class, "campaign-activities")
			.collect(TreeMap<String, Long>::new, (counts, row) -> counts.merge(row.campaign(), 1L, Long::sum))
			.map(Map::copyOf)
			.doOnNext((counts) -> this.published.register(counts.entrySet()
				.stream()
				.map((entry) -> MultiGauge.Row.of(Tags.of("campaign", entry.getKey()), entry.getValue()))
				.toList(), true));
	}

	@Override
	public void start() {
		this.sampling = Flux.interval(Duration.ZERO, INTERVAL)
			.concatMap((tick) -> sample().onErrorResume((ex) -> Mono.empty()))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.sampling;
		if (running != null) {
			running.dispose();
		}
		this.sampling = null;
	}

	@Override
	public boolean isRunning() {
		return this.sampling != null;
	}

	/** Just the campaign of an activity document. */
	record CampaignActivityCampaign(String campaign) {
	}

}
