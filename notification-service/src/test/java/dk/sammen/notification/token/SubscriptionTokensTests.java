package dk.sammen.notification.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.sammen.platform.problem.ApiProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SubscriptionTokensTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private static final TokenProperties.Key OLD = new TokenProperties.Key("k1", "old-secret-old-secret-old-secret-1");

	private static final TokenProperties.Key NEW = new TokenProperties.Key("k2", "new-secret-new-secret-new-secret-2");

	private final SubscriptionTokens tokens = tokens(List.of(OLD, NEW), "k2", NOW);

	@Test
	void verifies_ownTokenForItsPurpose() {
		assertThat(this.tokens.verify(TokenPurpose.MANAGE, this.tokens.issue(TokenPurpose.MANAGE, "sub-1")))
			.isEqualTo("sub-1");
	}

	@Test
	void refuses_tokenForAnotherPurpose() {
		String unsubscribe = this.tokens.issue(TokenPurpose.UNSUBSCRIBE, "sub-1");
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> this.tokens.verify(TokenPurpose.MANAGE, unsubscribe))
			.satisfies((problem) -> assertThat(problem.getStatusCode().value()).isEqualTo(403));
	}

	@Test
	void refuses_tamperedSubscriber() {
		String token = this.tokens.issue(TokenPurpose.MANAGE, "sub-1");
		String[] parts = token.split("\\.");
		String forged = parts[0] + "." + parts[1] + "."
				+ java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("m|sub-2|9999999999".getBytes())
				+ "." + parts[3];
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> this.tokens.verify(TokenPurpose.MANAGE, forged))
			.satisfies((problem) -> assertThat(problem.getStatusCode().value()).isEqualTo(403));
	}

	@Test
	void refuses_tokenOfSomeoneElsesKey() {
		SubscriptionTokens attacker = tokens(List.of(new TokenProperties.Key("k2", "attacker-secret-attacker-secret-xx")),
				"k2", NOW);
		String forged = attacker.issue(TokenPurpose.MANAGE, "sub-1");
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> this.tokens.verify(TokenPurpose.MANAGE, forged));
	}

	@Test
	void refuses_garbage() {
		for (String garbage : List.of("", "s1", "s1.k2.x.y", "s1.k2.!!!.???", "v1.k2.bQ.AA", "s1.k9.bQ.AA")) {
			assertThatExceptionOfType(ApiProblem.class).as(garbage)
				.isThrownBy(() -> this.tokens.verify(TokenPurpose.MANAGE, garbage));
		}
	}

	@Test
	void answersGone_afterExpiry() {
		String confirm = this.tokens.issue(TokenPurpose.CONFIRM, "sub-1");
		SubscriptionTokens later = tokens(List.of(OLD, NEW), "k2", NOW.plus(Duration.ofDays(7)).plusSeconds(1));
		assertThatExceptionOfType(ApiProblem.class).isThrownBy(() -> later.verify(TokenPurpose.CONFIRM, confirm))
			.satisfies((problem) -> assertThat(problem.getStatusCode().value()).isEqualTo(410));
		SubscriptionTokens justInTime = tokens(List.of(OLD, NEW), "k2", NOW.plus(Duration.ofDays(7)));
		assertThat(justInTime.verify(TokenPurpose.CONFIRM, confirm)).isEqualTo("sub-1");
	}

	@Test
	void verifiesOldLinks_afterKeyRotation() {
		String signedWithOld = tokens(List.of(OLD), "k1", NOW).issue(TokenPurpose.UNSUBSCRIBE, "sub-1");
		assertThat(this.tokens.verify(TokenPurpose.UNSUBSCRIBE, signedWithOld)).isEqualTo("sub-1");
		assertThat(this.tokens.issue(TokenPurpose.UNSUBSCRIBE, "sub-1")).startsWith("s1.k2.");
	}

	@Test
	void refusesConfiguration_withShortKeyOrUnknownActiveKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenProperties(
				List.of(new TokenProperties.Key("k1", "short")), "k1", Duration.ofDays(7), Duration.ofDays(90),
				Duration.ofDays(365)));
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenProperties(List.of(OLD), "k3",
				Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(365)));
	}

	private static SubscriptionTokens tokens(List<TokenProperties.Key> keys, String active, Instant now) {
		return new SubscriptionTokens(new TokenProperties(keys, active, Duration.ofDays(7), Duration.ofDays(90),
				Duration.ofDays(365)), Clock.fixed(now, ZoneOffset.UTC));
	}

}
