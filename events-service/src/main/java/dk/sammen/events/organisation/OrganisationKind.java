package dk.sammen.events.organisation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of partner organisation of CONTRACT section 2. */
enum OrganisationKind {

	KOMMUNE, REGION, FORENING, FOND, STYRELSE, VIRKSOMHED, ANDET;

	String slug() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	static Optional<OrganisationKind> fromSlug(String slug) {
		return Arrays.stream(values()).filter((kind) -> kind.slug().equals(slug)).findFirst();
	}

	static List<String> slugs() {
		return Arrays.stream(values()).map(OrganisationKind::slug).toList();
	}

}
