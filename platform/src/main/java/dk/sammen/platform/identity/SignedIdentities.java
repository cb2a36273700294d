package dk.sammen.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import dk.sammen.platform.Digests;

/**
 * Issues and verifies {@code v1.<payload>.<mac>} identity headers: the payload is
 * {@code organisationId|role|keyId|expiresEpochSecond} in base64url, the MAC an HMAC-SHA256 of
 * {@code v1.<payload>} with the shared signing key.
 */
public final class SignedIdentities {

	private static final String VERSION = "v1";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final byte[] key;

	private final Duration ttl;

	private final Clock clock;

	public SignedIdentities(String signingKey, Duration ttl, Clock clock) {
		this.key = signingKey.getBytes(StandardCharsets.UTF_8);
		this.ttl = ttl;
		this.clock = clock;
	}

	public String sign(CallerIdentity identity) {
		long expires = this.clock.instant().plus(this.ttl).getEpochSecond();
		String payload = String.join("|", identity.organisationId(), identity.role().slug(), identity.keyId(),
				Long.toString(expires));
		String signed = VERSION + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		return signed + "." + ENCODER.encodeToString(mac(signed));
	}

	/** The identity in {@code header}, or empty when it is malformed, forged or expired. */
	public Optional<CallerIdentity> verify(String header) {
		int lastDot = header.lastIndexOf('.');
		if (!header.startsWith(VERSION + ".") || lastDot <= VERSION.length()) {
			return Optional.empty();
		}
		String signed = header.substring(0, lastDot);
		byte[] presented;
		try {
			presented = DECODER.decode(header.substring(lastDot + 1));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (!MessageDigest.isEqual(mac(signed), presented)) {
			return Optional.empty();
		}
		String[] parts = new String(DECODER.decode(signed.substring(VERSION.length() + 1)), StandardCharsets.UTF_8)
			.split("\\|", -1);
		if (parts.length != 4 || Long.parseLong(parts[3]) < this.clock.instant().getEpochSecond()) {
			return Optional.empty();
		}
		return Role.fromSlug(parts[1]).map((role) -> new CallerIdentity(parts[0], role, parts[2]));
	}

	private byte[] mac(String value) {
		return Digests.hmacSha256(this.key, value);
	}

}
