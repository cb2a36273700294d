package dk.sammen.campaign.coverage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import reactor.core.publisher.Mono;

import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.programme.Programmes;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coverage, gaps, the map and campaign reach: public, aggregated, no key needed. Each answer may
 * be cached for {@code sammen.campaign.coverage.max-cache-age}, like the public feed.
 */
@RestController
@EnableConfigurationProperties(CoverageProperties.class)
class CoverageController {

	static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");

	private final Coverage coverage;

	private final CampaignReach reach;

	private final Kommuner kommuner;

	private final KommuneShapes shapes;

	private final CoverageProperties properties;

	private final Clock clock;

	CoverageController(Coverage coverage, CampaignReach reach, Kommuner kommuner, KommuneShapes shapes,
			CoverageProperties properties, Clock clock) {
		this.coverage = coverage;
		this.reach = reach;
		this.kommuner = kommuner;
		this.shapes = shapes;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping(path = "/api/v1/coverage", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<CoverageReport>> coverage(@RequestParam MultiValueMap<String, String> params) {
		return this.coverage.report(query(params, CoverageQuery.FILTERS)).map((report) -> ok(MediaType.APPLICATION_JSON, report));
	}

	@GetMapping(path = "/api/v1/coverage", produces = "text/csv")
	Mono<ResponseEntity<String>> coverageCsv(@RequestParam MultiValueMap<String, String> params) {
		return csv(params);
	}

	@GetMapping("/api/v1/coverage.csv")
	Mono<ResponseEntity<String>> csv(@RequestParam MultiValueMap<String, String> params) {
		return this.coverage.report(query(params, CoverageQuery.FILTERS))
			.map((report) -> ResponseEntity.ok()
				.contentType(CSV)
				.cacheControl(cache())
				.header("Content-Disposition", "inline; filename=\"coverage.csv\"")
				.body(CoverageCsv.of(report)));
	}

	@GetMapping(path = "/api/v1/coverage/gaps", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Gaps>> gaps(@RequestParam MultiValueMap<String, String> params) {
		return this.coverage.gaps(query(params, CoverageQuery.GAP_FILTERS)).map((gaps) -> ok(MediaType.APPLICATION_JSON, gaps));
	}

	@GetMapping("/api/v1/coverage/map.svg")
	Mono<ResponseEntity<String>> map(@RequestParam MultiValueMap<String, String> params) {
		CoverageQuery query = query(params, CoverageQuery.MAP_FILTERS);
		return this.coverage.report(query)
			.map((report) -> ok(SVG, (query.style() == CoverageQuery.MapStyle.POINTS)
					? CoverageMap.of(report, this.kommuner) : Choropleth.of(report, this.shapes)));
	}

	@GetMapping(path = "/api/v1/coverage/reach", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Reach>> reach(@RequestParam MultiValueMap<String, String> params) {
		return Mono.fromSupplier(() -> this.reach.period(params))
			.flatMap(this.reach::of)
			.map((reach) -> ok(MediaType.APPLICATION_JSON, reach));
	}

	@GetMapping("/api/v1/coverage/reach.svg")
	Mono<ResponseEntity<String>> reachChart(@RequestParam MultiValueMap<String, String> params) {
		return Mono.fromSupplier(() -> this.reach.period(params))
			.flatMap(this.reach::of)
			.map((reach) -> ok(SVG, ReachChart.of(reach, Programmes.VAER_EN_SOM_RAEKKER_UD.equals(reach.campaign())
					? "Vær en, som rækker ud" : reach.campaign())));
	}

	private CoverageQuery query(MultiValueMap<String, String> params, Set<String> known) {
		return CoverageQuery.parse(params, known, this.clock.instant(), this.properties);
	}

	private <T> ResponseEntity<T> ok(MediaType type, T body) {
		return ResponseEntity.ok().contentType(type).cacheControl(cache()).body(body);
	}

	private CacheControl cache() {
		return CacheControl.maxAge(this.properties.maxCacheAge()).cachePublic();
	}

}
