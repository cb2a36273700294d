package dk.sammen.gateway.feed;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One page of the feed, before it is written in any format.
 *
 * @param sources each source's name with {@code ok} or {@code unavailable}
 */
record FeedPage(List<FeedItem> items, @Nullable String nextCursor, boolean partial, Map<String, String> sources) {
}
