package dk.sammen.notification.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dk.sammen.platform.Digests;
import dk.sammen.platform.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Issues and checks {@code s1.<keyId>.<payload>.<mac>} tokens, the payload being
 * {@code purpose|subscriberId|expiresEpochSecond} in base64url and the MAC an HMAC-SHA256 of
 * everything before it with the named key.
 */
@Component
public class SubscriptionTokens {

	private static final String VERSION = "s1";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final Map<String, byte[]> keys;

	private final String activeKey;

	private final TokenProperties properties;

	private final Clock clock;

	SubscriptionTokens(TokenProperties properties, Clock clock) {
		this.keys = properties.keys()
			.stream()
			.collect(Collectors.toUnmodifiableMap(TokenProperties.Key::id,
					(key) -> key.secret().getBytes(StandardCharsets.UTF_8)));
		this.activeKey = properties.activeKey();
		this.properties = properties;
		this.clock = clock;
	}

	public String issue(TokenPurpose purpose, String subscriberId) {
		long expires = this.clock.instant().plus(this.properties.validity(purpose)).getEpochSecond();
		String payload = purpose.tag() + "|" + subscriberId + "|" + expires;
		String signed = VERSION + "." + this.activeKey + "."
				+ ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		return signed + "." + ENCODER.encodeToString(Digests.hmacSha256(this.keys.get(this.activeKey), signed));
	}

	/**
	 * The subscriber id in a valid token for {@code purpose}.
	 * @throws ApiProblem 403 when the token is malformed, forged, signed with an unknown key or
	 * meant for another purpose; 410 when it has expired
	 */
	public String verify(TokenPurpose purpose, String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 4 || !VERSION.equals(parts[0])) {
			throw invalid();
		}
		byte[] key = this.keys.get(parts[1]);
		if (key == null) {
			throw invalid();
		}
		String signed = parts[0] + "." + parts[1] + "." + parts[2];
		String[] payload = decode(parts[2], (bytes) -> new String(bytes, StandardCharsets.UTF_8)).split("\\|", -1);
		byte[] presented = decode(parts[3], Function.identity());
		if (!signedWith(key, signed, presented) || payload.length != 3 || !purpose.tag().equals(payload[0])) {
			throw invalid();
		}
		if (Instant.ofEpochSecond(Long.parseLong(payload[2])).isBefore(this.clock.instant())) {
			throw new ApiProblem(HttpStatus.GONE, "expired-token", "The link has expired",
					"This link is no longer valid; subscribe again or use the link in a newer mail.");
		}
		return payload[1];
	}

	/** The MAC check on its own, in constant time; {@link #verify}'s other comparisons are of public parts. */
	private static boolean signedWith(byte[] key, String signed, byte[] presented) {
		return MessageDigest.isEqual(Digests.hmacSha256(key, signed), presented);
	}

	private static <T> T decode(String part, Function<byte[], T> then) {
		try {
			return then.apply(DECODER.decode(part));
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	private static ApiProblem invalid() {
		return new ApiProblem(HttpStatus.FORBIDDEN, "invalid-token", "The link is not valid",
				"The token is malformed, forged or meant for something else.");
	}

}
