package dk.sammen.campaign.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the national campaign "Vær en, som rækker ud" at first start. Insert-if-absent by its
 * slug, so every start and every replica may run it; later changes by its editors are kept.
 */
@Component
class CampaignMigration implements ApplicationRunner {

	static final String VAER_EN_SOM_RAEKKER_UD = "vaer-en-som-raekker-ud";

	private static final Log logger = LogFactory.getLog(CampaignMigration.class);

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	CampaignMigration(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		Instant now = this.clock.instant();
		Campaign campaign = new Campaign(VAER_EN_SOM_RAEKKER_UD, new CampaignDetails("Vær en, som rækker ud",
				"Social- og Boligstyrelsen",
				"<p>Den nationale kampagne mod ensomhed, som Social- og Boligstyrelsen driver sammen med radioen "
						+ "r8Dio og andre partnere: en vedvarende indsats mod stigma, ikke enkeltstående aktiviteter.</p>"
						+ "<p>Foredrag, radioindslag, aktiviteter på skoler og arbejdspladser, medieindslag og "
						+ "ambassadører, der taler åbent om ensomhed.</p>",
				LocalDate.of(2025, 1, 1), null, List.of("anti-stigma", "ensomhed", "faellesskab"), List.of(), List.of()),
				1, now, now);
		Boolean created = this.mongo.insert(campaign)
			.thenReturn(true)
			.onErrorResume(DuplicateKeyException.class, (ex) -> reactor.core.publisher.Mono.just(false))
			.block(Duration.ofSeconds(30));
		if (Boolean.TRUE.equals(created)) {
			logger.info("Created the campaign " + VAER_EN_SOM_RAEKKER_UD);
		}
	}

}
