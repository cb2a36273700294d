package dk.sammen.platform.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignedIdentitiesTests {

	private static final String KEY = "a-test-signing-key-of-at-least-32-chars";

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

	private final SignedIdentities identities = new SignedIdentities(KEY, Duration.ofSeconds(60), this.clock);

	private final CallerIdentity caller = new CallerIdentity("org-1", Role.PARTNER, "key-1");

	@Test
	void verify_signedByTheSameKey_returnsTheIdentity() {
		assertThat(this.identities.verify(this.identities.sign(this.caller))).contains(this.caller);
	}

	@Test
	void verify_signedWithAnotherKey_isRejected() {
		SignedIdentities other = new SignedIdentities("another-signing-key-of-32-characters!!", Duration.ofSeconds(60),
				this.clock);
		assertThat(this.identities.verify(other.sign(this.caller))).isEmpty();
	}

	@Test
	void verify_payloadChangedToAdmin_isRejected() {
		String header = this.identities.sign(this.caller);
		String[] parts = header.split("\\.");
		String forged = parts[0] + "." + java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("org-1|admin|key-1|9999999999".getBytes()) + "." + parts[2];
		assertThat(this.identities.verify(forged)).isEmpty();
	}

	@Test
	void verify_afterItsTimeToLive_isRejected() {
		String header = this.identities.sign(this.caller);
		SignedIdentities later = new SignedIdentities(KEY, Duration.ofSeconds(60),
				Clock.offset(this.clock, Duration.ofSeconds(61)));
		assertThat(later.verify(header)).isEmpty();
	}

	@Test
	void verify_garbage_isRejectedWithoutException() {
		assertThat(this.identities.verify("")).isEmpty();
		assertThat(this.identities.verify("v1.")).isEmpty();
		assertThat(this.identities.verify("v1.abc.!!!")).isEmpty();
		assertThat(this.identities.verify("admin")).isEmpty();
	}

	@Test
	void sha256_ofAKey_isStableLowerCaseHex() {
		String key = ApiKeySecrets.newKey();
		assertThat(ApiKeySecrets.sha256(key)).matches("[0-9a-f]{64}").isEqualTo(ApiKeySecrets.sha256(key));
		assertThat(ApiKeySecrets.newKey()).isNotEqualTo(key).startsWith("smn_").hasSizeGreaterThan(40);
	}

}
