package dk.sammen.notification.webhook;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import dk.sammen.platform.Digests;

/**
 * {@code X-Sammen-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} (CONTRACT section 9),
 * keyed with the UTF-8 bytes of the endpoint's secret. While a rotated-out secret is still in its
 * grace period a second {@code v1=} signs with it, the current one first; a receiver accepts the
 * request when any {@code v1} matches a secret it knows, and refuses timestamps outside its window
 * so that a captured request cannot be replayed later.
 */
final class WebhookSignatures {

	static final String HEADER = "X-Sammen-Signature";

	private static final String SECRET_PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSignatures() {
	}

	/** A new secret: 256 random bits. Reads the system's random source: call it off the event loop. */
	static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The header value for {@code body} sent at {@code epochSecond}, signed with each secret in turn. */
	static String header(long epochSecond, String body, List<String> secrets) {
		String signed = epochSecond + "." + body;
		return "t=" + epochSecond + "," + secrets.stream()
			.map((secret) -> "v1=" + HexFormat.of().formatHex(Digests.hmacSha256(secret.getBytes(
					java.nio.charset.StandardCharsets.UTF_8), signed)))
			.collect(Collectors.joining(","));
	}

}
