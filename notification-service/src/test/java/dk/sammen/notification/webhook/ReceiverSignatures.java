package dk.sammen.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a partner's receiver does with {@code X-Sammen-Signature}, written from the README alone and
 * independent of the production signer: HMAC-SHA256 of {@code t + "." + body} with the secret,
 * compared in constant time with any {@code v1}, and the timestamp within a window of now, so that a
 * captured request replayed later is refused.
 */
final class ReceiverSignatures {

	private ReceiverSignatures() {
	}

	static boolean verify(String header, String body, String secret, Instant now, Duration window) throws Exception {
		Long timestamp = null;
		java.util.List<String> signatures = new java.util.ArrayList<>();
		for (String part : header.split(",")) {
			String[] pair = part.split("=", 2);
			if (pair.length != 2) {
				return false;
			}
			if (pair[0].equals("t")) {
				timestamp = Long.parseLong(pair[1]);
			}
			else if (pair[0].equals("v1")) {
				signatures.add(pair[1]);
			}
		}
		if (timestamp == null || Math.abs(now.getEpochSecond() - timestamp) > window.toSeconds()) {
			return false;
		}
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		for (String signature : signatures) {
			if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
				return true;
			}
		}
		return false;
	}

}
