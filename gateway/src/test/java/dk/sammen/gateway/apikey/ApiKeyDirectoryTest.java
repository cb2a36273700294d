package dk.sammen.gateway.apikey;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import dk.sammen.platform.identity.ApiKeySecrets;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyDirectoryTest {

	private final ApiKeyDirectory directory = new ApiKeyDirectory();

	private final String hash = ApiKeySecrets.sha256(ApiKeySecrets.newKey());

	private final CallerIdentity caller = new CallerIdentity("org-1", Role.PARTNER, "key-1");

	@Test
	void finds_issuedKeyByHashInAnyCase() {
		this.directory.issued(this.hash.toUpperCase(Locale.ROOT), this.caller);

		assertThat(this.directory.find(this.hash)).contains(this.caller);
		assertThat(this.directory.size()).isEqualTo(1);
	}

	@Test
	void forgets_revokedKey() {
		this.directory.issued(this.hash, this.caller);

		this.directory.revoked("key-1");

		assertThat(this.directory.find(this.hash)).isEmpty();
		assertThat(this.directory.size()).isZero();
	}

	@Test
	void ignoresIssue_ofKeyRevokedBefore() {
		this.directory.revoked("key-1");

		this.directory.issued(this.hash, this.caller);

		assertThat(this.directory.find(this.hash)).isEmpty();
	}

	@Test
	void dropsOldHash_whenKeyIdIsIssuedAgain() {
		String newHash = ApiKeySecrets.sha256(ApiKeySecrets.newKey());
		this.directory.issued(this.hash, this.caller);

		this.directory.issued(newHash, this.caller);

		assertThat(this.directory.find(this.hash)).isEmpty();
		assertThat(this.directory.find(newHash)).contains(this.caller);
		assertThat(this.directory.size()).isEqualTo(1);
	}

}
