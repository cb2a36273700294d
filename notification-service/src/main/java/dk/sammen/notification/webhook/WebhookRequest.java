package dk.sammen.notification.webhook;

import java.util.HashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.problem.Violations;

/**
 * {@code {"url","types":[…]}}: unknown properties are refused (400) before this is built.
 *
 * @param url an https URL the SSRF rules allow
 * @param types one or more of {@link WebhookTypes#ALL}, each once
 */
record WebhookRequest(@Nullable String url, @Nullable List<String> types) {

	/** The form rules, each violation named; the URL's own rules are {@link AddressRules}'. */
	void validate(Violations violations) {
		violations.require(this.url != null && !this.url.isBlank(), "url", "is required");
		boolean typesGiven = violations.require(this.types != null && !this.types.isEmpty(), "types",
				"must list one or more of " + WebhookTypes.ALL);
		if (typesGiven) {
			for (int i = 0; i < this.types.size(); i++) {
				violations.require(this.types.get(i) != null && WebhookTypes.ALL.contains(this.types.get(i)),
						"types[" + i + "]", "must be one of " + WebhookTypes.ALL);
			}
			violations.require(new HashSet<>(this.types).size() == this.types.size(), "types", "must list each type once");
		}
	}

}
