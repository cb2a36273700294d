package dk.sammen.campaign.campaign;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.web.ETags;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns (CONTRACT section 4): public reads, admin creates, admins and editors change. */
@RestController
class CampaignController {

	private final CampaignService campaigns;

	CampaignController(CampaignService campaigns) {
		this.campaigns = campaigns;
	}

	@GetMapping("/api/v1/campaigns")
	Mono<Page> all() {
		return this.campaigns.all().map(CampaignResponse::of).collectList().map(Page::new);
	}

	@GetMapping("/api/v1/campaigns/{slug}")
	Mono<ResponseEntity<CampaignResponse>> one(@PathVariable String slug) {
		return this.campaigns.find(slug).map(CampaignController::withETag);
	}

	@PostMapping("/api/v1/campaigns")
	Mono<ResponseEntity<CampaignResponse>> create(CallerIdentity caller, @RequestBody CampaignRequest request) {
		return this.campaigns.create(caller, request).map((created) -> {
			CampaignResponse body = CampaignResponse.of(created);
			return ResponseEntity.created(URI.create("/api/v1/campaigns/" + body.slug())).eTag(body.etag()).body(body);
		});
	}

	@PutMapping("/api/v1/campaigns/{slug}")
	Mono<ResponseEntity<CampaignResponse>> update(CallerIdentity caller, @PathVariable String slug,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestBody CampaignRequest request) {
		if (ifMatch == null) {
			return Mono.error(ApiProblem.preconditionRequired("Send the campaign's ETag in If-Match to change it"));
		}
		return this.campaigns.update(caller, slug, ETags.version(ifMatch), request).map(CampaignController::withETag);
	}

	record Page(List<CampaignResponse> items) {
	}

	private static ResponseEntity<CampaignResponse> withETag(Campaign campaign) {
		CampaignResponse body = CampaignResponse.of(campaign);
		return ResponseEntity.ok().eTag(body.etag()).body(body);
	}

}
