package dk.sammen.notification.edition;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of newsletter (CONTRACT section 6). */
public enum EditionKind {

	WEEKLY_DIGEST("weekly-digest"), DSM_ANNOUNCEMENT("dsm-announcement"), CAMPAIGN("campaign"), INSTANT("instant");

	private final String slug;

	EditionKind(String slug) {
		this.slug = slug;
	}

	public String slug() {
		return this.slug;
	}

	public static Optional<EditionKind> fromSlug(String slug) {
		return Arrays.stream(values()).filter((kind) -> kind.slug.equals(slug)).findFirst();
	}

}
