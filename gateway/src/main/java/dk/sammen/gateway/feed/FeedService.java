package dk.sammen.gateway.feed;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.gateway.feed.FeedItem.Position;
import dk.sammen.platform.problem.ApiProblem;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

/**
 * Asks both sources at once, each within its time budget and behind its circuit breaker, and
 * merges their ordered runs into one page.
 * <p>
 * Each source is asked for {@code limit} items after its own position: the page cannot hold more
 * from either, and an item of one source is only served once every earlier item of the other is,
 * so nothing a page needs can be missing from what was fetched.
 */
final class FeedService {

	static final String BREAKER_PREFIX = "feed-";

	private static final Log logger = LogFactory.getLog(FeedService.class);

	private final FeedSource events;

	private final FeedSource campaigns;

	private final ReactiveCircuitBreaker eventsBreaker;

	private final ReactiveCircuitBreaker campaignsBreaker;

	private final Duration timeout;

	private final FeedMetrics metrics;

	FeedService(FeedSource events, FeedSource campaigns, ReactiveCircuitBreakerFactory<?, ?> breakers,
			Duration timeout, FeedMetrics metrics) {
		this.events = events;
		this.campaigns = campaigns;
		this.eventsBreaker = breakers.create(BREAKER_PREFIX + events.name());
		this.campaignsBreaker = breakers.create(BREAKER_PREFIX + campaigns.name());
		this.timeout = timeout;
		this.metrics = metrics;
	}

	Mono<FeedPage> page(FeedQuery query) {
		return Mono
			.zip(answer(this.events, this.eventsBreaker, query, query.cursor().events()),
					answer(this.campaigns, this.campaignsBreaker, query, query.cursor().campaigns()))
			.flatMap((answers) -> merge(query, answers.getT1(), answers.getT2()))
			.onErrorMap(SourceRejectedQuery.class, (ex) -> FeedQuery.invalid(ex.errors()));
	}

	private Mono<Answer> answer(FeedSource source, ReactiveCircuitBreaker breaker, FeedQuery query,
			@Nullable Position after) {
		if (!source.answers(query)) {
			return Mono.just(new Answer(true, false, List.of(), false));
		}
		// the budget is applied inside the breaker, so that a slow source counts as a failing one
		Mono<Answer> call = source.fetch(query, after, query.limit())
			.timeout(this.timeout)
			.map((page) -> new Answer(true, true, page.items(), page.more()));
		return breaker.run(call, (ex) -> {
			if (ex instanceof SourceRejectedQuery) {
				return Mono.error(ex);
			}
			if (ex instanceof CallNotPermittedException) {
				// the breaker opened with a warning already; one line per request would flood the log
				logger.debug("Feed source " + source.name() + " skipped: its circuit breaker is open");
			}
			else {
				logger.warn("Feed source " + source.name() + " unavailable: " + ex);
			}
			return Mono.just(new Answer(false, true, List.of(), false));
		});
	}

	private Mono<FeedPage> merge(FeedQuery query, Answer events, Answer campaigns) {
		if (!(events.asked() && events.available()) && !(campaigns.asked() && campaigns.available())) {
			return Mono.error(ApiProblem.serviceUnavailable("The feed's sources are unavailable; try again shortly"));
		}
		if (!events.available()) {
			this.metrics.partial(this.events.name());
		}
		if (!campaigns.available()) {
			this.metrics.partial(this.campaigns.name());
		}
		return Flux.mergeComparing(FeedItem.ORDER, Flux.fromIterable(events.items()),
				Flux.fromIterable(campaigns.items()))
			.take(query.limit())
			.collectList()
			.map((served) -> {
				boolean more = served.size() < events.items().size() + campaigns.items().size() || events.more()
						|| campaigns.more();
				FeedCursor next = new FeedCursor(last(served, FeedItem.Kind.EVENT, query.cursor().events()),
						last(served, FeedItem.Kind.CAMPAIGN_ACTIVITY, query.cursor().campaigns()));
				Map<String, String> sources = new LinkedHashMap<>();
				sources.put(this.events.name(), events.available() ? "ok" : "unavailable");
				sources.put(this.campaigns.name(), campaigns.available() ? "ok" : "unavailable");
				return new FeedPage(served, more ? next.encode() : null,
						!events.available() || !campaigns.available(), sources);
			});
	}

	/** The last served item of a kind, or the position the page started from if none was. */
	private static @Nullable Position last(List<FeedItem> served, FeedItem.Kind kind, @Nullable Position start) {
		for (int i = served.size() - 1; i >= 0; i--) {
			if (served.get(i).kind() == kind) {
				return served.get(i).position();
			}
		}
		return start;
	}

	/**
	 * What one source contributed.
	 *
	 * @param available false when it failed, timed out or its breaker is open
	 * @param asked false when the query excludes everything it has
	 */
	private record Answer(boolean available, boolean asked, List<FeedItem> items, boolean more) {
	}

}
