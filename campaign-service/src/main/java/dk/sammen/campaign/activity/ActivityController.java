package dk.sammen.campaign.activity;

import java.net.URI;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.campaign.campaign.CampaignDirectory;
import dk.sammen.platform.web.ETags;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaign activities (CONTRACT section 4) and the public listing the feed reads. */
@RestController
class ActivityController {

	private static final String ACTIVITIES = "/api/v1/campaigns/{slug}/activities";

	private final ActivityService activities;

	private final ActivityListing listing;

	private final CampaignDirectory campaigns;

	private final Kommuner kommuner;

	ActivityController(ActivityService activities, ActivityListing listing, CampaignDirectory campaigns,
			Kommuner kommuner) {
		this.activities = activities;
		this.listing = listing;
		this.campaigns = campaigns;
		this.kommuner = kommuner;
	}

	@PostMapping(ACTIVITIES)
	Mono<ResponseEntity<ActivityResponse>> create(CallerIdentity caller, @PathVariable String slug,
			@RequestBody ActivityRequest request) {
		return this.activities.create(caller, slug, request).map((created) -> {
			ActivityResponse body = ActivityResponse.of(created, this.kommuner);
			return ResponseEntity.created(URI.create("/api/v1/campaigns/" + slug + "/activities/" + body.id()))
				.eTag(ETags.of(body.version()))
				.body(body);
		});
	}

	/** The campaign's published and cancelled activities, with the filters of the public listing. */
	@GetMapping(ACTIVITIES)
	Mono<ActivityListing.Page> ofCampaign(@PathVariable String slug, @RequestParam MultiValueMap<String, String> params) {
		ActivityQuery query = ActivityQuery.parse(params, this.kommuner).inCampaign(slug);
		return this.campaigns.requireExists(slug).then(this.listing.publicActivities(query));
	}

	/** Published and cancelled activities of every campaign, for the public feed. */
	@GetMapping("/api/v1/campaign-activities")
	Mono<ActivityListing.Page> all(@RequestParam MultiValueMap<String, String> params) {
		return this.listing.publicActivities(ActivityQuery.parse(params, this.kommuner));
	}

	@GetMapping(ACTIVITIES + "/{id}")
	Mono<ResponseEntity<ActivityResponse>> one(Optional<CallerIdentity> caller, @PathVariable String slug,
			@PathVariable String id) {
		return this.activities.find(slug, id, caller.orElse(null)).map(this::withETag);
	}

	@PutMapping(ACTIVITIES + "/{id}")
	Mono<ResponseEntity<ActivityResponse>> update(CallerIdentity caller, @PathVariable String slug,
			@PathVariable String id, @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestBody ActivityRequest request) {
		if (ifMatch == null) {
			return Mono.error(ApiProblem.preconditionRequired("Send the activity's ETag in If-Match to change it"));
		}
		return this.activities.update(caller, slug, id, ETags.version(ifMatch), request).map(this::withETag);
	}

	@PostMapping(ACTIVITIES + "/{id}/publish")
	Mono<ResponseEntity<ActivityResponse>> publish(CallerIdentity caller, @PathVariable String slug,
			@PathVariable String id) {
		return this.activities.publish(caller, slug, id).map(this::withETag);
	}

	@PostMapping(ACTIVITIES + "/{id}/cancel")
	Mono<ResponseEntity<ActivityResponse>> cancel(CallerIdentity caller, @PathVariable String slug,
			@PathVariable String id, @RequestBody(required = false) @Nullable CancelRequest request) {
		return this.activities.cancel(caller, slug, id, (request != null) ? request.reason() : null)
			.map(this::withETag);
	}

	record CancelRequest(@Nullable String reason) {
	}

	private ResponseEntity<ActivityResponse> withETag(CampaignActivity activity) {
		ActivityResponse body = ActivityResponse.of(activity, this.kommuner);
		return ResponseEntity.ok().eTag(ETags.of(body.version())).body(body);
	}

}
