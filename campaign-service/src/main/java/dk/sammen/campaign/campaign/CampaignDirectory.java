package dk.sammen.campaign.campaign;

import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/** What other features ask about campaigns: whether one exists and who may act on it. */
@Component
public class CampaignDirectory {

	private final ReactiveMongoTemplate mongo;

	CampaignDirectory(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Completes if the campaign exists, else fails with 404. */
	public Mono<Void> requireExists(String slug) {
		return this.mongo.findById(slug, Campaign.class)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No campaign " + slug)))
			.then();
	}

	/** Whether the caller may manage the campaign's activities; fails with 404 if there is no such campaign. */
	public Mono<Boolean> mayEdit(String slug, CallerIdentity caller) {
		return this.mongo.findById(slug, Campaign.class)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No campaign " + slug)))
			.map((campaign) -> Campaign.mayEdit(campaign.details(), caller));
	}

	/** Completes if the caller may manage the campaign's activities, else fails with 403 (404 if there is none). */
	public Mono<Void> requireEditor(String slug, CallerIdentity caller) {
		return mayEdit(slug, caller).flatMap((allowed) -> allowed ? Mono.<Void>empty()
				: Mono.error(ApiProblem.forbidden("Only platform staff and the campaign's editors manage its activities")));
	}

}
