package dk.sammen.platform.text;

import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import dk.sammen.platform.problem.Violations;

/** Checks for text fields; each records its violation and returns null (or a placeholder) when not valid. */
public final class PlainText {

	/** One policy for every description, so text renders the same wherever it came from. */
	private static final PolicyFactory DESCRIPTION_POLICY = new HtmlPolicyBuilder()
		.allowElements("p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a")
		.allowUrlProtocols("http", "https")
		.allowAttributes("href")
		.onElements("a")
		.requireRelNofollowOnLinks()
		.toFactory();

	private static final int MAX_DESCRIPTION = 10_000;

	private PlainText() {
	}

	/** Trimmed text of 1 to {@code max} characters without control characters, or null after recording why not. */
	public static @Nullable String required(Violations violations, String field, @Nullable String value, int max) {
		String stripped = (value != null) ? value.strip() : "";
		boolean ok = violations.require(!stripped.isEmpty() && stripped.length() <= max, field,
				"required, 1 to " + max + " characters")
				&& violations.require(stripped.chars().noneMatch(Character::isISOControl), field,
						"must not contain control characters");
		return ok ? stripped : null;
	}

	/** Like {@link #required} for a text that may be left out: null when absent or blank. */
	public static @Nullable String optional(Violations violations, String field, @Nullable String value, int max) {
		return (value == null || value.isBlank()) ? null : required(violations, field, value, max);
	}

	/** The description with only {@code p br strong em b i ul ol li a[href]} kept; empty when absent. */
	public static String sanitizedHtml(Violations violations, String field, @Nullable String html) {
		if (html == null) {
			return "";
		}
		String sanitized = DESCRIPTION_POLICY.sanitize(html).strip();
		violations.require(sanitized.length() <= MAX_DESCRIPTION, field,
				"at most " + MAX_DESCRIPTION + " characters after sanitizing");
		return sanitized;
	}

}
