package dk.sammen.platform.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import dk.sammen.platform.Digests;
import dk.sammen.platform.identity.ApiKeySecrets;

import static org.assertj.core.api.Assertions.assertThat;

/** The constant-time rule holds for the platform (signed identities) and catches each way round it. */
class SecretComparisonsTests {

	private static final byte[] KEY = "a key of thirty-two characters!!".getBytes(StandardCharsets.UTF_8);

	@Test
	void compareSecretsOnlyInConstantTime_platformClasses_pass() {
		JavaClasses platform = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dk.sammen.platform");

		SecretComparisons.compareSecretsOnlyInConstantTime().check(platform);
	}

	@Test
	void compareSecretsOnlyInConstantTime_earlyExitComparisons_areViolations() {
		EvaluationResult result = SecretComparisons.compareSecretsOnlyInConstantTime()
			.evaluate(new ClassFileImporter().importClasses(HexMacWithEquals.class, KeyHashWithEquals.class,
					MacThroughHelperWithArraysEquals.class, MacThroughTwoHelpersWithObjectsEquals.class));

		assertThat(result.getFailureReport().getDetails()).hasSize(4)
			.anyMatch((line) -> line.contains("HexMacWithEquals.valid") && line.contains("String.equals"))
			.anyMatch((line) -> line.contains("KeyHashWithEquals.isAdmin") && line.contains("String.equalsIgnoreCase"))
			.anyMatch((line) -> line.contains("MacThroughHelperWithArraysEquals.valid") && line.contains("Arrays.equals"))
			.anyMatch((line) -> line.contains("MacThroughTwoHelpersWithObjectsEquals.valid")
					&& line.contains("Objects.equals"));
	}

	@Test
	void compareSecretsOnlyInConstantTime_isEqualAndComparisonsOfPublicParts_pass() {
		EvaluationResult result = SecretComparisons.compareSecretsOnlyInConstantTime()
			.evaluate(new ClassFileImporter().importClasses(ConstantTime.class));

		assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
	}

	static final class HexMacWithEquals {

		boolean valid(String value, String presented) {
			return HexFormat.of().formatHex(Digests.hmacSha256(KEY, value)).equals(presented);
		}

	}

	static final class KeyHashWithEquals {

		private final String adminSha256 = ApiKeySecrets.sha256("admin");

		boolean isAdmin(String key) {
			return ApiKeySecrets.sha256(key).equalsIgnoreCase(this.adminSha256);
		}

	}

	static final class MacThroughHelperWithArraysEquals {

		boolean valid(String value, byte[] presented) {
			return Arrays.equals(mac(value), presented);
		}

		private static byte[] mac(String value) {
			return Digests.hmacSha256(KEY, value);
		}

	}

	static final class MacThroughTwoHelpersWithObjectsEquals {

		boolean valid(String value, String presented) {
			return Objects.equals(hex(value), presented);
		}

		private static String hex(String value) {
			return HexFormat.of().formatHex(mac(value));
		}

		private static byte[] mac(String value) {
			return Digests.hmacSha256(KEY, value);
		}

	}

	static final class ConstantTime {

		String verify(String version, String value, byte[] presented) {
			if (!"v1".equals(version) || !signed(value, presented)) {
				throw new IllegalArgumentException("not valid");
			}
			return value;
		}

		private static boolean signed(String value, byte[] presented) {
			return MessageDigest.isEqual(Digests.hmacSha256(KEY, value), presented);
		}

	}

}
