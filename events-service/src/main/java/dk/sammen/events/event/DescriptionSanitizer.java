package dk.sammen.events.event;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Keeps a small safe subset of HTML in descriptions (paragraphs, emphasis, lists, links to
 * http(s) that open nothing and pass no referrer) and strips everything else.
 */
final class DescriptionSanitizer {

	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a")
		.allowUrlProtocols("http", "https")
		.allowAttributes("href")
		.onElements("a")
		.requireRelNofollowOnLinks()
		.toFactory();

	private DescriptionSanitizer() {
	}

	static String sanitize(String html) {
		return POLICY.sanitize(html).strip();
	}

}
