package dk.sammen.events.event;

import java.util.Set;

import dk.sammen.platform.programme.Programmes;

/** The classifications of CONTRACT section 3, by their wire slugs. */
final class Vocabulary {

	static final String DANMARK_SPISER_SAMMEN = Programmes.DANMARK_SPISER_SAMMEN;

	static final Set<String> PROGRAMMES = Programmes.ALL;

	/** The five life arenas of the national action plan. */
	static final Set<String> ARENAS = Set.of("hjem-og-bolig", "dagtilbud-skole-og-uddannelse",
			"fritid-og-faellesskaber", "arbejdsliv-og-beskaeftigelse", "sundhed-og-pleje");

	/** The five intervention strategies of the action plan. */
	static final Set<String> INTERVENTION_TYPES = Set.of("socialt-netvaerk", "personlig-social-stoette",
			"social-og-emotionel-faerdighedstraening", "psykologisk-behandling", "psykoedukation");

	static final Set<String> TARGET_GROUPS = Set.of("boern", "unge", "voksne", "aeldre", "paaroerende", "alle");

	/** Access needs an event can state it meets. */
	static final Set<String> ACCESSIBILITY = Set.of("wheelchair", "step-free", "accessible-toilet", "hearing-loop",
			"sign-language", "guide-dogs-welcome", "quiet-room");

	/**
	 * How a newcomer is received (CONTRACT section 9): come alone and someone receives you, a
	 * table host, a companion can be arranged.
	 */
	static final Set<String> WELCOME = Set.of("kom-alene", "bordvaert", "foelgeskab");

	static final String DRAFT = "draft";

	static final String PUBLISHED = "published";

	static final String CANCELLED = "cancelled";

	static final Set<String> STATUSES = Set.of(DRAFT, PUBLISHED, CANCELLED);

	/** A deleted draft's tombstone, kept for the change feed; no API shows it as an event. */
	static final String DELETED = "deleted";

	private Vocabulary() {
	}

}
