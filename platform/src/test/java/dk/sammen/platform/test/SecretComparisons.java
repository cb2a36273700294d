package dk.sammen.platform.test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The rule that a secret (an API key's hash, a MAC of a token or an identity) is compared only
 * with {@link java.security.MessageDigest#isEqual}, whose time does not depend on how many leading
 * bytes match. {@code String.equals}, {@code Arrays.equals} and their kin return at the first
 * difference, which lets an attacker who can time answers find a valid MAC byte by byte.
 *
 * <p>A code unit handles a secret when it calls {@code Digests.hmacSha256},
 * {@code ApiKeySecrets.sha256} or {@code Mac.doFinal}, or a method of its own class that returns
 * what those produce (a {@code byte[]} or {@code String} computed from them, transitively). Such a
 * code unit must not call any of the early-exit comparisons. Keep the comparison in a small method
 * of its own (returning {@code boolean}), so that the method around it may compare other things.
 */
public final class SecretComparisons {

	/** Methods whose result is secret, by owner. */
	private static final Map<String, Set<String>> SECRET_SOURCES = Map.of("dk.sammen.platform.Digests",
			Set.of("hmacSha256"), "dk.sammen.platform.identity.ApiKeySecrets", Set.of("sha256"), "javax.crypto.Mac",
			Set.of("doFinal"));

	/** Comparisons that stop at the first difference, by owner. */
	private static final Map<String, Set<String>> EARLY_EXIT_COMPARISONS = Map.of("java.lang.String",
			Set.of("equals", "equalsIgnoreCase", "contentEquals", "compareTo", "compareToIgnoreCase",
					"regionMatches"),
			"java.lang.Object", Set.of("equals"), "java.util.Arrays", Set.of("equals", "compare", "mismatch"),
			"java.util.Objects", Set.of("equals", "deepEquals"), "java.nio.ByteBuffer",
			Set.of("equals", "compareTo", "mismatch"));

	private SecretComparisons() {
	}

	/** Every imported class compares the secrets it computes only in constant time. */
	public static ArchRule compareSecretsOnlyInConstantTime() {
		return classes().should(new ArchCondition<JavaClass>("compare secrets only with MessageDigest.isEqual") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				Set<JavaCodeUnit> producers = producersIn(javaClass);
				for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
					if (unit.getMethodCallsFromSelf().stream().noneMatch((call) -> isSecret(call, producers))) {
						continue;
					}
					for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
						if (matches(call, EARLY_EXIT_COMPARISONS)) {
							events.add(SimpleConditionEvent.violated(call, unit.getFullName()
									+ " computes a secret and compares with " + call.getTarget().getFullName()
									+ " in " + call.getSourceCodeLocation() + "; use MessageDigest.isEqual"));
						}
					}
				}
			}

		}).allowEmptyShould(true).because("an early-exit comparison tells an attacker by its timing how much of a MAC matched");
	}

	/** The class's own methods that return a secret, found until no more are added. */
	private static Set<JavaCodeUnit> producersIn(JavaClass javaClass) {
		Set<JavaCodeUnit> producers = new HashSet<>();
		boolean added = true;
		while (added) {
			added = false;
			for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
				String returned = unit.getRawReturnType().getName();
				if (!producers.contains(unit) && (returned.equals("[B") || returned.equals("java.lang.String"))
						&& unit.getMethodCallsFromSelf().stream().anyMatch((call) -> isSecret(call, producers))) {
					added = producers.add(unit);
				}
			}
		}
		return producers;
	}

	private static boolean isSecret(JavaMethodCall call, Set<JavaCodeUnit> producers) {
		return matches(call, SECRET_SOURCES)
				|| call.getTarget().resolveMember().map(producers::contains).orElse(false);
	}

	private static boolean matches(JavaMethodCall call, Map<String, Set<String>> methodsByOwner) {
		return methodsByOwner.getOrDefault(call.getTargetOwner().getName(), Set.of()).contains(call.getName());
	}

}
