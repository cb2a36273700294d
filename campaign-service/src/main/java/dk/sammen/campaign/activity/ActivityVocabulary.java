package dk.sammen.campaign.activity;

import java.util.Set;

/** The kinds and statuses of activities, by their wire slugs. */
final class ActivityVocabulary {

	static final Set<String> KINDS = Set.of("talk", "radio-segment", "school-activity", "workplace-activity",
			"media-piece", "ambassador-story");

	static final String DRAFT = "draft";

	static final String PUBLISHED = "published";

	static final String CANCELLED = "cancelled";

	private ActivityVocabulary() {
	}

}
