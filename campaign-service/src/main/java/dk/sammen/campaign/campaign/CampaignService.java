package dk.sammen.campaign.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.outbox.AggregateStore;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Creating and changing campaigns: admins create, admins and the campaign's editors change. */
@Service
class CampaignService {

	private final ReactiveMongoTemplate mongo;

	private final AggregateStore store;

	private final Clock clock;

	CampaignService(ReactiveMongoTemplate mongo, AggregateStore store, Clock clock) {
		this.mongo = mongo;
		this.store = store;
		this.clock = clock;
	}

	Flux<Campaign> all() {
		return this.mongo.find(new Query().with(Sort.by("_id")).limit(500), Campaign.class);
	}

	Mono<Campaign> find(String slug) {
		return this.mongo.findById(slug, Campaign.class)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No campaign " + slug)));
	}

	Mono<Campaign> create(CallerIdentity caller, CampaignRequest request) {
		if (!caller.isAdmin()) {
			return Mono.error(ApiProblem.forbidden("Only platform staff create campaigns"));
		}
		Violations violations = new Violations();
		String slug = CampaignRules.validSlug(violations, request.slug());
		CampaignDetails details = CampaignRules.validate(violations, request);
		violations.throwIfAny();
		Instant now = this.clock.instant();
		return this.store.insert(new Campaign(slug, details, 1, now, now), List.of())
			.onErrorMap(DuplicateKeyException.class, (ex) -> ApiProblem.conflict("A campaign " + slug + " already exists"));
	}

	Mono<Campaign> update(CallerIdentity caller, String slug, long expectedVersion, CampaignRequest request) {
		Violations violations = new Violations();
		violations.require(request.slug() == null || request.slug().equals(slug), "slug",
				"a campaign's slug cannot change; leave it out or repeat " + slug);
		CampaignDetails details = CampaignRules.validate(violations, request);
		violations.throwIfAny();
		return find(slug).flatMap((campaign) -> {
			if (!Campaign.mayEdit(campaign.details(), caller)) {
				return Mono.error(ApiProblem.forbidden("Only platform staff and the campaign's editors change it"));
			}
			if (campaign.version() != expectedVersion) {
				return Mono.error(staleVersion(campaign));
			}
			Campaign revised = campaign.revised(details, this.clock.instant());
			return this.store.update(slug, expectedVersion, revised, List.of())
				.flatMap((saved) -> saved ? Mono.just(revised) : Mono.error(staleVersion(campaign)));
		});
	}

	private static ApiProblem staleVersion(Campaign campaign) {
		return ApiProblem.preconditionFailed("The campaign is at version " + campaign.version()
				+ "; fetch it again and retry with its ETag in If-Match");
	}

}
