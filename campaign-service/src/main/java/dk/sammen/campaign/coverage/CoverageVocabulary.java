package dk.sammen.campaign.coverage;

import java.util.List;

import dk.sammen.platform.programme.Programmes;

/**
 * The classifications of CONTRACT section 3, in a fixed order so every answer and CSV has the same
 * keys and columns. events-service validates them; here they only name the counts.
 */
final class CoverageVocabulary {

	static final List<String> PROGRAMMES = List.of(Programmes.DANMARK_SPISER_SAMMEN, Programmes.VAER_EN_SOM_RAEKKER_UD,
			"local-partnership", "other");

	static final List<String> ARENAS = List.of("hjem-og-bolig", "dagtilbud-skole-og-uddannelse",
			"fritid-og-faellesskaber", "arbejdsliv-og-beskaeftigelse", "sundhed-og-pleje");

	static final List<String> INTERVENTION_TYPES = List.of("socialt-netvaerk", "personlig-social-stoette",
			"social-og-emotionel-faerdighedstraening", "psykologisk-behandling", "psykoedukation");

	/** {@code alle} last: an event for everyone, which every target-group filter matches. */
	static final List<String> TARGET_GROUPS = List.of("boern", "unge", "voksne", "aeldre", "paaroerende", "alle");

	static final String ALL_GROUPS = "alle";

	static final String PUBLISHED = "published";

	private CoverageVocabulary() {
	}

}
