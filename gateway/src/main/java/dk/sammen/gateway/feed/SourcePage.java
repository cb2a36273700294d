package dk.sammen.gateway.feed;

import java.util.List;

/**
 * A run of one source's items in its (startsAt, id) order.
 *
 * @param more whether the source has items after these
 */
record SourcePage(List<FeedItem> items, boolean more) {
}
