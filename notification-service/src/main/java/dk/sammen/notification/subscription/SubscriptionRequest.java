package dk.sammen.notification.subscription;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.notification.mail.Language;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.Violations;
import dk.sammen.platform.programme.Programmes;

/**
 * A subscribe request or a preferences update as it arrives; {@link #preferences} checks it. The
 * e-mail is only read on subscribe.
 */
record SubscriptionRequest(@Nullable String email, @Nullable List<String> kommuner, @Nullable List<String> regions,
		@Nullable List<String> programmes, @Nullable String language, @Nullable String frequency) {

	/** Practical address syntax (RFC 5321 lengths, a dot in the domain); deliverability is what the confirmation proves. */
	private static final Pattern EMAIL = Pattern
		.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

	private static final int MAX_ADDRESS = 254;

	/** The address trimmed and lower-cased, or null with a violation. */
	@Nullable String normalizedEmail(Violations violations) {
		if (this.email == null || this.email.isBlank()) {
			violations.add("email", "is required");
			return null;
		}
		String normalized = this.email.trim().toLowerCase(Locale.ROOT);
		if (normalized.length() > MAX_ADDRESS || !EMAIL.matcher(normalized).matches() || normalized.contains("..")) {
			violations.add("email", "is not an e-mail address");
			return null;
		}
		return normalized;
	}

	/** The preferences, or null with violations. */
	@Nullable Preferences preferences(Violations violations, Kommuner geography) {
		List<String> kommuneCodes = listOf(this.kommuner);
		List<String> regionCodes = listOf(this.regions);
		List<String> programmeSlugs = listOf(this.programmes);
		for (int i = 0; i < kommuneCodes.size(); i++) {
			violations.require(kommuneCodes.get(i) != null && geography.isKommune(kommuneCodes.get(i)),
					"kommuner[" + i + "]", "is not a kommune code");
		}
		for (int i = 0; i < regionCodes.size(); i++) {
			violations.require(regionCodes.get(i) != null && geography.isRegion(regionCodes.get(i)),
					"regions[" + i + "]", "is not a region code (1081-1085)");
		}
		for (int i = 0; i < programmeSlugs.size(); i++) {
			violations.require(programmeSlugs.get(i) != null && Programmes.ALL.contains(programmeSlugs.get(i)),
					"programmes[" + i + "]", "must be one of " + String.join(", ", Programmes.ALL.stream().sorted().toList()));
		}
		Language chosenLanguage = (this.language == null) ? Language.DA
				: switch (this.language) {
					case "da" -> Language.DA;
					case "en" -> Language.EN;
					default -> {
						violations.add("language", "must be da or en");
						yield null;
					}
				};
		Frequency chosenFrequency = (this.frequency == null) ? Frequency.WEEKLY
				: Frequency.fromSlug(this.frequency).orElse(null);
		violations.require(chosenFrequency != null, "frequency", "must be weekly, instant or dsm");
		if (!violations.isEmpty() || chosenLanguage == null || chosenFrequency == null) {
			return null;
		}
		return new Preferences(distinct(kommuneCodes), distinct(regionCodes), distinct(programmeSlugs), chosenLanguage,
				chosenFrequency);
	}

	private static List<String> listOf(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

	private static List<String> distinct(List<String> values) {
		return values.stream().distinct().sorted().toList();
	}

}
