package dk.sammen.gateway.feed;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.gateway.feed.FeedItem.Position;

/** A service whose listing the feed merges: a run of items in (startsAt, id) order after a position. */
interface FeedSource {

	/** The key in the answer's {@code sources} and the circuit breaker's name suffix. */
	String name();

	/** False when the query asks for something this source never has, so it is not asked at all. */
	boolean answers(FeedQuery query);

	/** Up to {@code limit} items after {@code after} (from the start when null). */
	Mono<SourcePage> fetch(FeedQuery query, @Nullable Position after, int limit);

}
