package dk.sammen.campaign.activity;

import java.time.Duration;
import java.time.Instant;

import dk.sammen.platform.text.PlainText;
import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.links.PublicUrl;
import dk.sammen.platform.problem.Violations;
import org.springframework.stereotype.Component;

/** The rules an activity must pass; all violations are reported at once. */
@Component
class ActivityRules {

	private static final Duration MAX_DURATION = Duration.ofDays(366);

	private final Kommuner kommuner;

	ActivityRules(Kommuner kommuner) {
		this.kommuner = kommuner;
	}

	ActivityDetails validate(ActivityRequest request) {
		Violations violations = new Violations();
		String kind = request.kind();
		violations.require(kind != null && ActivityVocabulary.KINDS.contains(kind), "kind",
				"must be one of " + ActivityVocabulary.KINDS.stream().sorted().toList());
		String title = PlainText.required(violations, "title", request.title(), 200);
		String description = PlainText.sanitizedHtml(violations, "description", request.description());
		Instant startsAt = (request.startsAt() != null) ? request.startsAt().toInstant() : null;
		Instant endsAt = (request.endsAt() != null) ? request.endsAt().toInstant() : null;
		violations.require(startsAt != null, "startsAt", "required, ISO-8601 date-time with offset");
		if (startsAt != null && endsAt != null) {
			violations.require(endsAt.isAfter(startsAt), "endsAt", "must be after startsAt");
			violations.require(Duration.between(startsAt, endsAt).compareTo(MAX_DURATION) <= 0, "endsAt",
					"an activity lasts at most 366 days");
		}
		Kommune kommune = null;
		if (request.kommuneCode() != null) {
			kommune = this.kommuner.byCode(request.kommuneCode()).orElse(null);
			violations.require(kommune != null, "kommuneCode",
					"one of the 98 official kommune codes such as '0661', or null for a nationwide activity");
		}
		String url = request.url();
		violations.require(url != null && PublicUrl.isAcceptable(url), "url", "required, an http(s) URL to a public host");
		violations.throwIfAny();
		return new ActivityDetails(kind, title, description, startsAt, endsAt,
				(kommune != null) ? kommune.code() : null, (kommune != null) ? kommune.regionCode() : null, url);
	}

}
