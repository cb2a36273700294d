package dk.sammen.notification.subscription;

import java.util.Arrays;
import java.util.Optional;

/** How often a subscriber wants mail. */
public enum Frequency {

	/** The weekly digest, campaign newsletters and the Danmark Spiser Sammen announcements. */
	WEEKLY("weekly"),

	/** A notice for each newly published event that matches, plus what weekly subscribers get except the digest. */
	INSTANT("instant"),

	/** Only the announcements before the Danmark Spiser Sammen weeks. */
	DSM("dsm");

	private final String slug;

	Frequency(String slug) {
		this.slug = slug;
	}

	public String slug() {
		return this.slug;
	}

	static Optional<Frequency> fromSlug(String slug) {
		return Arrays.stream(values()).filter((frequency) -> frequency.slug.equals(slug)).findFirst();
	}

}
