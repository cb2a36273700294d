package dk.sammen.events.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.problem.Violations;

/**
 * A partner's own id for an event (CONTRACT section 9): 1 to 200 visible characters, compared
 * exactly as sent, unique within the organisation and never changed.
 * <p>
 * Uniqueness needs no index of its own: the event id is derived from the organisation and the
 * external id, so the store's unique {@code _id} decides atomically on every single-document write,
 * on mongo-java-server and on MongoDB alike. (A unique index on {@code organisationId, externalId}
 * would have to be partial, as most events have no external id, and mongo-java-server does not
 * honour partial indexes.) The price is that an external id can only be given when the event is
 * created.
 */
final class ExternalIds {

	static final String FIELD = "externalId";

	static final int MAX_LENGTH = 200;

	private ExternalIds() {
	}

	/** The id of the organisation's event with this external id, whether or not it exists yet. */
	static String eventId(String organisationId, String externalId) {
		// ids from Idempotency-Keys are derived from organisation + "\n" + key; a key is visible ASCII,
		// never "external\n…", so the two kinds of derived id cannot collide
		String name = organisationId + "\nexternal\n" + externalId;
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** Records a violation unless {@code externalId} is missing or well-formed; returns whether it is usable. */
	static boolean check(Violations violations, @Nullable String externalId) {
		return externalId == null || violations.require(isValid(externalId), FIELD,
				"1 to " + MAX_LENGTH + " visible characters, no spaces or control characters");
	}

	static boolean isValid(String externalId) {
		int length = externalId.codePointCount(0, externalId.length());
		return length >= 1 && length <= MAX_LENGTH && externalId.codePoints().allMatch(ExternalIds::isVisible);
	}

	private static boolean isVisible(int codePoint) {
		int type = Character.getType(codePoint);
		return !Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint) && type != Character.CONTROL
				&& type != Character.FORMAT && type != Character.SURROGATE && type != Character.PRIVATE_USE
				&& type != Character.UNASSIGNED;
	}

}
