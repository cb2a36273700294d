package dk.sammen.platform.identity;

import java.security.SecureRandom;
import java.util.Base64;

import dk.sammen.platform.Digests;

/**
 * API key material. A key is 256 random bits, so a plain SHA-256 is a safe stored form (there is
 * nothing to brute-force) and lets the gateway look a presented key up by its hash.
 */
public final class ApiKeySecrets {

	private static final String PREFIX = "smn_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeySecrets() {
	}

	/** A new key, to be shown once to its owner. */
	public static String newKey() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Lower-case hex SHA-256 of a key, the only form that is stored or sent on. */
	public static String sha256(String key) {
		return Digests.sha256Hex(key);
	}

}
