package dk.sammen.platform.programme;

import java.util.Set;

/** The programmes an event or subscription can belong to (CONTRACT section 3). */
public final class Programmes {

	public static final String DANMARK_SPISER_SAMMEN = "danmark-spiser-sammen";

	public static final String VAER_EN_SOM_RAEKKER_UD = "vaer-en-som-raekker-ud";

	public static final Set<String> ALL = Set.of(DANMARK_SPISER_SAMMEN, VAER_EN_SOM_RAEKKER_UD, "local-partnership",
			"other");

	private Programmes() {
	}

}
