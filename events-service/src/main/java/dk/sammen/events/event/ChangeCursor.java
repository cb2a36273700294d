package dk.sammen.events.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * A position in the change feed, which is ordered by the time a change was stored, then by event
 * id. Either just after one served event ({@code lastId}), or through a point in time: everything
 * stored up to and including {@code position} has been served ({@code lastId} null), which is where
 * a client stands once it has caught up. Opaque to clients: {@code base64url("c1|<epoch ms>|<id>")}.
 *
 * @param position epoch milliseconds, the precision the store keeps
 * @param lastId the id of the last event served at {@code position}, or null for "all of it"
 */
record ChangeCursor(Instant position, @Nullable String lastId) implements Comparable<ChangeCursor> {

	private static final String KIND = "c1";

	private static final int MAX_ID = 64;

	private static final int MAX_ENCODED = 200;

	/** The order of positions: "all of a millisecond" comes after every single event in it. */
	private static final Comparator<ChangeCursor> ORDER = Comparator.comparing(ChangeCursor::position)
		.thenComparing(ChangeCursor::lastId, Comparator.nullsLast(Comparator.naturalOrder()));

	ChangeCursor {
		position = Instant.ofEpochMilli(position.toEpochMilli());
	}

	static ChangeCursor after(Instant position, String lastId) {
		return new ChangeCursor(position, lastId);
	}

	static ChangeCursor through(Instant position) {
		return new ChangeCursor(position, null);
	}

	String encode() {
		String raw = KIND + "|" + this.position.toEpochMilli() + "|" + ((this.lastId != null) ? this.lastId : "");
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** The position in {@code cursor} if it is a well-formed change cursor. */
	static Optional<ChangeCursor> decode(String cursor) {
		if (cursor.isEmpty() || cursor.length() > MAX_ENCODED) {
			return Optional.empty();
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
			if (parts.length != 3 || !KIND.equals(parts[0]) || !parts[1].matches("[0-9]{1,15}")
					|| parts[2].length() > MAX_ID || !parts[2].chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
				return Optional.empty();
			}
			Instant position = Instant.ofEpochMilli(Long.parseLong(parts[1]));
			return Optional.of(new ChangeCursor(position, parts[2].isEmpty() ? null : parts[2]));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** What comes after this position, in a store ordered by {@code timeField} and {@code _id}. */
	Criteria successors(String timeField) {
		if (this.lastId == null) {
			return Criteria.where(timeField).gt(this.position);
		}
		return new Criteria().orOperator(Criteria.where(timeField).gt(this.position),
				Criteria.where(timeField).is(this.position).and("_id").gt(this.lastId));
	}

	/** The later of the two positions. */
	ChangeCursor atLeast(@Nullable ChangeCursor other) {
		return (other != null && ORDER.compare(other, this) > 0) ? other : this;
	}

	@Override
	public int compareTo(ChangeCursor other) {
		return ORDER.compare(this, other);
	}

}
