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
 * id: either just after one served event ({@code lastId}), or through a point in time, everything
 * stored up to and including {@code position} served ({@code lastId} null), which is where a client
 * stands once it has caught up. Opaque to clients:
 * {@code base64url("c1|<position ms>|<last id>|<origin ms>")}.
 * <p>
 * {@code origin} is when the client started copying, with its first page without a cursor. A
 * deletion the client still has to learn of happened after it read the event, so after the origin,
 * and is not yet served, so after the position: while the later of the two is within the tombstone
 * retention, no tombstone the client needs can have been removed. The position alone would not do,
 * as a first copy starts with events changed long ago.
 *
 * @param position epoch milliseconds, the precision the store keeps
 * @param lastId the id of the last event served at {@code position}, or null for "all of it"
 * @param origin when this client's copy began
 */
record ChangeCursor(Instant position, @Nullable String lastId, Instant origin) {

	private static final String KIND = "c1";

	private static final int MAX_ID = 64;

	private static final int MAX_ENCODED = 200;

	/** The order of positions: "all of a millisecond" comes after every single event in it. */
	private static final Comparator<ChangeCursor> ORDER = Comparator.comparing(ChangeCursor::position)
		.thenComparing(ChangeCursor::lastId, Comparator.nullsLast(Comparator.naturalOrder()));

	ChangeCursor {
		position = Instant.ofEpochMilli(position.toEpochMilli());
		origin = Instant.ofEpochMilli(origin.toEpochMilli());
	}

	static ChangeCursor after(Instant position, String lastId, Instant origin) {
		return new ChangeCursor(position, lastId, origin);
	}

	static ChangeCursor through(Instant position, Instant origin) {
		return new ChangeCursor(position, null, origin);
	}

	String encode() {
		String raw = KIND + "|" + this.position.toEpochMilli() + "|" + ((this.lastId != null) ? this.lastId : "") + "|"
				+ this.origin.toEpochMilli();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/** The cursor in {@code cursor} if it is a well-formed change cursor. */
	static Optional<ChangeCursor> decode(String cursor) {
		if (cursor.isEmpty() || cursor.length() > MAX_ENCODED) {
			return Optional.empty();
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
			if (parts.length != 4 || !KIND.equals(parts[0]) || !isMillis(parts[1]) || !isMillis(parts[3])
					|| parts[2].length() > MAX_ID || !parts[2].chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
				return Optional.empty();
			}
			return Optional.of(new ChangeCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])),
					parts[2].isEmpty() ? null : parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3]))));
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

	/** This position, or {@code other}'s if that is later; the origin stays this one's. */
	ChangeCursor atLeast(ChangeCursor other) {
		return (ORDER.compare(other, this) > 0) ? new ChangeCursor(other.position, other.lastId, this.origin) : this;
	}

	/** Whether tombstones this client may still need could be gone by {@code purgedBefore}. */
	boolean mayMissTombstonesRemovedBefore(Instant purgedBefore) {
		Instant needsFrom = this.position.isAfter(this.origin) ? this.position : this.origin;
		return needsFrom.isBefore(purgedBefore);
	}

	boolean isAfter(ChangeCursor other) {
		return ORDER.compare(this, other) > 0;
	}

	private static boolean isMillis(String value) {
		return value.matches("[0-9]{1,15}");
	}

}
