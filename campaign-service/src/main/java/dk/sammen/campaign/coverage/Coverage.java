package dk.sammen.campaign.coverage;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dk.sammen.platform.geography.Kommuner;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Answers coverage questions from {@code coverage-offers}: the store narrows to published offers
 * in the period that are not over (index {@code status_ends}), the kind and the places are
 * worked out in {@link CoverageCalculator}, whose rules are unit-tested.
 */
@Component
class Coverage {

	private final ReactiveMongoTemplate mongo;

	private final CoverageCalculator calculator;

	private final Clock clock;

	Coverage(ReactiveMongoTemplate mongo, Kommuner kommuner, Populations populations, Clock clock) {
		this.mongo = mongo;
		this.calculator = new CoverageCalculator(kommuner, populations);
		this.clock = clock;
	}

	Mono<CoverageReport> report(CoverageQuery query) {
		Instant now = this.clock.instant();
		Instant notOverBy = query.from().isAfter(now) ? query.from() : now;
		Query candidates = Query.query(Criteria.where("status").is(CoverageVocabulary.PUBLISHED)
			.and("endsAt").gt(notOverBy)
			.and("startsAt").lt(query.to()));
		return this.mongo.find(candidates, Offer.class)
			.collectList()
			// distances for every kommune are CPU work: off the event loop, onto the CPU-bound workers
			.publishOn(Schedulers.parallel())
			.map((offers) -> this.calculator.report(offers, query, now));
	}

	Mono<Gaps> gaps(CoverageQuery query) {
		return report(query).map((report) -> {
			var gaps = CoverageCalculator.gaps(report, query.rankBy());
			return new Gaps(report.asOf(), report.from(), report.to(), report.filters(), report.withinKm(),
					query.rankBy().slug(), report.populationSource(), gaps.size(), gaps);
		});
	}

}
