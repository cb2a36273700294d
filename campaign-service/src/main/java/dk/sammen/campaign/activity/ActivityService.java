package dk.sammen.campaign.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.campaign.campaign.CampaignDirectory;
import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.campaign.CampaignActivityCancelledV1;
import dk.sammen.contracts.campaign.CampaignActivityPublishedV1;
import dk.sammen.contracts.campaign.CampaignActivityUpdatedV1;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.outbox.AggregateStore;
import dk.sammen.platform.outbox.OutboxMessage;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.InvalidInputException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The activity lifecycle. Each change the public can see writes the new state and its CloudEvent
 * in one document update; drafts are visible to the campaign's editors only and emit nothing.
 */
@Service
class ActivityService {

	private final ReactiveMongoTemplate mongo;

	private final AggregateStore store;

	private final ActivityRules rules;

	private final CampaignDirectory campaigns;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	ActivityService(ReactiveMongoTemplate mongo, AggregateStore store, ActivityRules rules,
			CampaignDirectory campaigns, JsonMapper json, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.store = store;
		this.rules = rules;
		this.campaigns = campaigns;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
	}

	Mono<CampaignActivity> create(CallerIdentity caller, String campaign, ActivityRequest request) {
		return this.campaigns.requireEditor(campaign, caller).then(Mono.defer(() -> {
			ActivityDetails details = this.rules.validate(request);
			CampaignActivity draft = CampaignActivity.draft(UUID.randomUUID().toString(), campaign, details,
					caller.organisationId(), this.clock.instant());
			return this.store.insert(draft, List.of());
		}));
	}

	/** The activity if the caller may see it: public ones to everyone, drafts to the campaign's editors. */
	Mono<CampaignActivity> find(String campaign, String id, @Nullable CallerIdentity caller) {
		return inCampaign(campaign, id).filterWhen((activity) -> activity.isPublic() ? Mono.just(true)
				: (caller != null) ? this.campaigns.mayEdit(campaign, caller) : Mono.just(false))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No activity " + id + " in campaign " + campaign)));
	}

	Mono<CampaignActivity> update(CallerIdentity caller, String campaign, String id, long expectedVersion,
			ActivityRequest request) {
		return editable(caller, campaign, id).flatMap((activity) -> {
			ActivityDetails details = this.rules.validate(request);
			if (ActivityVocabulary.CANCELLED.equals(activity.status())) {
				return Mono.error(ApiProblem.conflict("A cancelled activity can no longer be changed"));
			}
			CampaignActivity revised = activity.revised(details, this.clock.instant());
			List<OutboxMessage> messages = activity.isPublic()
					? List.of(message(revised, CloudEventTypes.CAMPAIGN_ACTIVITY_UPDATED_V1,
							new CampaignActivityUpdatedV1(revised.snapshot())))
					: List.of();
			return save(activity, expectedVersion, revised, messages);
		});
	}

	Mono<CampaignActivity> publish(CallerIdentity caller, String campaign, String id) {
		return editable(caller, campaign, id).flatMap((activity) -> switch (activity.status()) {
			case ActivityVocabulary.PUBLISHED -> Mono.just(activity);
			case ActivityVocabulary.CANCELLED ->
				Mono.error(ApiProblem.conflict("A cancelled activity cannot be published again"));
			default -> {
				CampaignActivity published = activity.published(this.clock.instant());
				yield save(activity, activity.version(), published,
						List.of(message(published, CloudEventTypes.CAMPAIGN_ACTIVITY_PUBLISHED_V1,
								new CampaignActivityPublishedV1(published.snapshot()))))
					.doOnSuccess((saved) -> this.meters
						.counter("sammen.campaign.activities.published", "campaign", campaign, "kind",
								saved.details().kind())
						.increment());
			}
		});
	}

	Mono<CampaignActivity> cancel(CallerIdentity caller, String campaign, String id, @Nullable String reason) {
		String stripped = (reason != null) ? reason.strip() : "";
		if (stripped.isEmpty() || stripped.length() > 500 || stripped.chars().anyMatch(Character::isISOControl)) {
			return Mono.error(new InvalidInputException("reason", "required, 1 to 500 characters of plain text"));
		}
		return editable(caller, campaign, id).flatMap((activity) -> switch (activity.status()) {
			case ActivityVocabulary.CANCELLED -> Mono.just(activity);
			case ActivityVocabulary.DRAFT -> Mono.error(ApiProblem.conflict("A draft is not public; there is nothing to cancel"));
			default -> {
				CampaignActivity cancelled = activity.cancelled(stripped, this.clock.instant());
				yield save(activity, activity.version(), cancelled,
						List.of(message(cancelled, CloudEventTypes.CAMPAIGN_ACTIVITY_CANCELLED_V1,
								new CampaignActivityCancelledV1(cancelled.snapshot(), stripped))));
			}
		});
	}

	/** The activity, if the caller manages its campaign: 404 for an unknown one, 403 for a non-editor. */
	private Mono<CampaignActivity> editable(CallerIdentity caller, String campaign, String id) {
		return this.campaigns.requireEditor(campaign, caller)
			.then(inCampaign(campaign, id))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No activity " + id + " in campaign " + campaign)));
	}

	private Mono<CampaignActivity> inCampaign(String campaign, String id) {
		return this.mongo.findById(id, CampaignActivity.class).filter((activity) -> activity.campaign().equals(campaign));
	}

	private Mono<CampaignActivity> save(CampaignActivity current, long expectedVersion, CampaignActivity next,
			List<OutboxMessage> messages) {
		if (current.version() != expectedVersion) {
			return Mono.error(staleVersion(current));
		}
		return this.store.update(current.id(), expectedVersion, next, messages)
			.flatMap((saved) -> saved ? Mono.just(next) : Mono.error(staleVersion(current)));
	}

	private OutboxMessage message(CampaignActivity activity, String type, Object payload) {
		return OutboxMessage.of(Topics.CAMPAIGN_ACTIVITIES, activity.id(), type, activity.updatedAt(), payload, this.json);
	}

	private static ApiProblem staleVersion(CampaignActivity activity) {
		return ApiProblem.preconditionFailed("The activity is at version " + activity.version()
				+ "; fetch it again and retry with its ETag in If-Match");
	}

}
