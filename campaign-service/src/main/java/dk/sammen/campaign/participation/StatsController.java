package dk.sammen.campaign.participation;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's reach (CONTRACT section 4), public like the campaign itself. */
@RestController
class StatsController {

	private final CampaignStatistics statistics;

	StatsController(CampaignStatistics statistics) {
		this.statistics = statistics;
	}

	@GetMapping("/api/v1/campaigns/{slug}/stats")
	Mono<CampaignStats> stats(@PathVariable String slug) {
		return this.statistics.of(slug);
	}

}
