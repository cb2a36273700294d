package dk.sammen.campaign.activity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * An opaque position in a listing ordered by {@code startsAt}, then id: the last item served.
 * Keyset paging, as for events: never skips or repeats an item while others are added.
 */
record ActivityCursor(Instant startsAt, String id) {

	private static final String VERSION = "a1";

	String encode() {
		String raw = VERSION + "|" + this.startsAt.toEpochMilli() + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static Optional<ActivityCursor> decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
			if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty() || parts[2].length() > 64) {
				return Optional.empty();
			}
			return Optional.of(new ActivityCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
