package dk.sammen.campaign.coverage;

import org.junit.jupiter.api.Test;

import dk.sammen.platform.geography.Kommuner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The population reference file: a figure for every kommune, and a total near Denmark's (about 5.96
 * million on 1 January 2024). The figures are approximate (see the file's header); this only guards
 * against a dropped or mistyped line.
 */
class PopulationsTests {

	@Test
	void everyKommuneHasAFigure_andTheyAddUpToDenmark() {
		Kommuner kommuner = Kommuner.load();
		Populations populations = new Populations(kommuner);
		long total = 0;
		for (String code : kommuner.codes()) {
			assertThat(populations.of(code)).as(code).isBetween(40, 700_000);
			total += populations.of(code);
		}
		assertThat(kommuner.codes()).hasSize(98);
		assertThat(total).isBetween(5_800_000L, 6_100_000L);
	}

}
