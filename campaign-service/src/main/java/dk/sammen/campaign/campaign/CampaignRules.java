package dk.sammen.campaign.campaign;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.text.PlainText;
import dk.sammen.platform.links.PublicUrl;
import dk.sammen.platform.problem.Violations;

/** The rules a campaign must pass; all violations are reported at once. */
final class CampaignRules {

	static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private static final Pattern ORGANISATION_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

	private static final int MAX_THEMES = 10;

	private static final int MAX_LINKS = 10;

	private static final int MAX_EDITORS = 50;

	private CampaignRules() {
	}

	static String validSlug(Violations violations, @Nullable String slug) {
		violations.require(slug != null && slug.length() <= 64 && SLUG.matcher(slug).matches(), "slug",
				"required, lower-case words joined by '-', at most 64 characters, e.g. 'vaer-en-som-raekker-ud'");
		return (slug != null) ? slug : "";
	}

	static CampaignDetails validate(Violations violations, CampaignRequest request) {
		String name = PlainText.required(violations, "name", request.name(), 200);
		String owner = PlainText.required(violations, "owner", request.owner(), 200);
		String description = PlainText.sanitizedHtml(violations, "description", request.description());
		violations.require(request.startsOn() != null, "startsOn", "required, a date such as 2025-01-01");
		if (request.startsOn() != null && request.endsOn() != null) {
			violations.require(!request.endsOn().isBefore(request.startsOn()), "endsOn",
					"must not be before startsOn");
		}
		List<String> themes = (request.themes() != null) ? request.themes() : List.of();
		violations.require(themes.size() <= MAX_THEMES
				&& themes.stream().allMatch((theme) -> theme != null && theme.length() <= 64 && SLUG.matcher(theme).matches())
				&& new HashSet<>(themes).size() == themes.size(), "themes",
				"at most " + MAX_THEMES + " distinct slugs such as 'anti-stigma'");
		List<CampaignRequest.LinkRequest> linkRequests = (request.links() != null) ? request.links() : List.of();
		violations.require(linkRequests.size() <= MAX_LINKS, "links", "at most " + MAX_LINKS);
		List<CampaignDetails.Link> links = new java.util.ArrayList<>();
		for (int i = 0; i < linkRequests.size() && i < MAX_LINKS; i++) {
			CampaignRequest.LinkRequest link = linkRequests.get(i);
			String title = PlainText.required(violations, "links[" + i + "].title", (link != null) ? link.title() : null, 200);
			String url = (link != null) ? link.url() : null;
			violations.require(url != null && PublicUrl.isAcceptable(url), "links[" + i + "].url",
					"an http(s) URL to a public host");
			if (title != null && url != null) {
				links.add(new CampaignDetails.Link(title, url));
			}
		}
		List<String> editors = (request.editors() != null) ? request.editors() : List.of();
		violations.require(editors.size() <= MAX_EDITORS
				&& editors.stream().allMatch((id) -> id != null && ORGANISATION_ID.matcher(id).matches())
				&& new HashSet<>(editors).size() == editors.size(), "editors",
				"at most " + MAX_EDITORS + " distinct organisation ids");
		return new CampaignDetails((name != null) ? name : "", (owner != null) ? owner : "", description,
				(request.startsOn() != null) ? request.startsOn() : java.time.LocalDate.EPOCH, request.endsOn(),
				List.copyOf(themes.stream().filter((t) -> t != null).toList()), List.copyOf(links),
				List.copyOf(editors.stream().filter((e) -> e != null).toList()));
	}

}
