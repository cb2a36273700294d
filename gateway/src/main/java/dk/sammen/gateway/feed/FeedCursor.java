package dk.sammen.gateway.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.gateway.feed.FeedItem.Position;

/**
 * Where a reader is in both sources at once: for each, the last item the feed has served from
 * it (null: nothing yet). A source is only ever advanced past items that were actually served,
 * so an item fetched but left out because the page was full comes on the next page.
 */
record FeedCursor(@Nullable Position events, @Nullable Position campaigns) {

	static final FeedCursor START = new FeedCursor(null, null);

	private static final String VERSION = "f1";

	/** Printable ASCII without the separator, at most as long as events-service's cursor allows. */
	private static final Pattern ID = Pattern.compile("[\\x21-\\x7E&&[^|]]{1,64}");

	private static final Pattern MILLIS = Pattern.compile("-?[0-9]{1,15}");

	String encode() {
		String raw = VERSION + "|" + part(this.events) + "|" + part(this.campaigns);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** Empty for anything that is not a cursor this version wrote, edited ones included. */
	static Optional<FeedCursor> decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			String[] parts = raw.split("\\|", -1);
			if (parts.length != 5 || !VERSION.equals(parts[0])) {
				return Optional.empty();
			}
			return Optional.of(new FeedCursor(position(parts[1], parts[2]), position(parts[3], parts[4])));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String part(@Nullable Position position) {
		return (position != null) ? position.startsAt().toEpochMilli() + "|" + position.id() : "|";
	}

	private static @Nullable Position position(String millis, String id) {
		if (millis.isEmpty() && id.isEmpty()) {
			return null;
		}
		if (!MILLIS.matcher(millis).matches() || !ID.matcher(id).matches()) {
			throw new IllegalArgumentException("Not a position");
		}
		return new Position(Instant.ofEpochMilli(Long.parseLong(millis)), id);
	}

}
