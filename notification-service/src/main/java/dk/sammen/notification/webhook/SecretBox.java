package dk.sammen.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts webhook signing secrets at rest. HMAC needs the secret itself, so it cannot be stored as
 * a hash like an API key; it is stored as {@code v1:<keyId>:<iv>:<ciphertext>} (AES-256-GCM, the
 * endpoint id as associated data so a stored secret cannot be moved to another endpoint). A copy of
 * the database alone therefore signs nothing; the key comes from the installation's secrets.
 */
final class SecretBox {

	private static final String FORMAT = "v1";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, SecretKeySpec> keys = new HashMap<>();

	private final String activeKey;

	SecretBox(WebhookProperties.Encryption encryption) {
		for (WebhookProperties.Key key : encryption.keys()) {
			this.keys.put(key.id(), new SecretKeySpec(sha256(key.secret()), "AES"));
		}
		this.activeKey = encryption.activeKey();
	}

	/** Encrypts with the active key. Reads the system's random source: call it off the event loop. */
	String seal(String secret, String endpointId) {
		byte[] iv = new byte[IV_BYTES];
		RANDOM.nextBytes(iv);
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, this.keys.get(this.activeKey), iv, endpointId,
				secret.getBytes(StandardCharsets.UTF_8));
		Base64.Encoder base64 = Base64.getEncoder();
		return String.join(":", FORMAT, this.activeKey, base64.encodeToString(iv), base64.encodeToString(sealed));
	}

	/** The secret again; fails if the key is gone or the stored value was tampered with or moved. */
	String open(String stored, String endpointId) {
		String[] parts = stored.split(":", -1);
		if (parts.length != 4 || !parts[0].equals(FORMAT)) {
			throw new IllegalStateException("Not a sealed webhook secret");
		}
		SecretKeySpec key = this.keys.get(parts[1]);
		if (key == null) {
			throw new IllegalStateException("Webhook secret sealed with key '" + parts[1]
					+ "', which is not among sammen.notification.webhooks.encryption.keys");
		}
		Base64.Decoder base64 = Base64.getDecoder();
		return new String(crypt(Cipher.DECRYPT_MODE, key, base64.decode(parts[2]), endpointId, base64.decode(parts[3])),
				StandardCharsets.UTF_8);
	}

	private static byte[] crypt(int mode, SecretKeySpec key, byte[] iv, String endpointId, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Webhook secret could not be " + ((mode == Cipher.ENCRYPT_MODE)
					? "encrypted" : "decrypted (wrong key, or the stored value was changed)"), ex);
		}
	}

	private static byte[] sha256(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
