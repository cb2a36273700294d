package dk.sammen.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * An opaque position in a listing ordered by {@code startsAt}, then id: the last item served.
 * Keyset paging never skips or repeats an item while others are added before or after it. The
 * services hand these out as {@code nextCursor}; the gateway's feed builds them itself for the
 * positions it has reached in each source, so the format is shared here.
 *
 * @param kind which listing the cursor belongs to, e.g. {@link #EVENTS}
 */
public record KeysetCursor(String kind, Instant startsAt, String id) {

	/** events-service's public and own-event listings. */
	public static final String EVENTS = "e1";

	/** campaign-service's activity listings. */
	public static final String ACTIVITIES = "a1";

	private static final int MAX_ID = 64;

	public String encode() {
		String raw = this.kind + "|" + this.startsAt.toEpochMilli() + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** The position in {@code cursor} if it is a well-formed cursor of {@code kind}. */
	public static Optional<KeysetCursor> decode(String kind, String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
			if (parts.length != 3 || !kind.equals(parts[0]) || parts[2].isEmpty() || parts[2].length() > MAX_ID) {
				return Optional.empty();
			}
			return Optional.of(new KeysetCursor(kind, Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
