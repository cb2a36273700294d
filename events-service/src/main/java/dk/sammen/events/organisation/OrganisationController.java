package dk.sammen.events.organisation;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Platform staff register organisations and manage their keys; an organisation reads itself. */
@RestController
class OrganisationController {

	private final OrganisationService organisations;

	OrganisationController(OrganisationService organisations) {
		this.organisations = organisations;
	}

	@PostMapping("/api/v1/admin/organisations")
	Mono<ResponseEntity<OrganisationResponse>> register(CallerIdentity caller,
			@RequestBody OrganisationRequests.CreateOrganisation request) {
		requireAdmin(caller);
		return this.organisations.register(request)
			.map((issued) -> ResponseEntity.created(URI.create("/api/v1/admin/organisations/" + issued.organisation().id()))
				.body(OrganisationResponse.of(issued.organisation()).withNewKey(issued.keyId(), issued.key())));
	}

	@GetMapping("/api/v1/admin/organisations")
	Mono<List<OrganisationResponse>> all(CallerIdentity caller) {
		requireAdmin(caller);
		return this.organisations.all().map((all) -> all.stream().map(OrganisationResponse::of).toList());
	}

	@GetMapping("/api/v1/admin/organisations/{id}")
	Mono<OrganisationResponse> one(CallerIdentity caller, @PathVariable String id) {
		requireAdmin(caller);
		return this.organisations.find(id).map(OrganisationResponse::of);
	}

	@PutMapping("/api/v1/admin/organisations/{id}/freshness")
	Mono<OrganisationResponse> freshness(CallerIdentity caller, @PathVariable String id,
			@RequestBody OrganisationRequests.Freshness request) {
		requireAdmin(caller);
		return this.organisations.setReconfirmAfterDays(id, request.validated()).map(OrganisationResponse::of);
	}

	@PostMapping("/api/v1/admin/organisations/{id}/keys")
	Mono<ResponseEntity<OrganisationResponse.KeyResponse>> issueKey(CallerIdentity caller, @PathVariable String id,
			@RequestBody(required = false) OrganisationRequests.@Nullable IssueKey request) {
		requireAdmin(caller);
		OrganisationRequests.IssueKey body = (request != null) ? request : new OrganisationRequests.IssueKey(null);
		return this.organisations.issueKey(id, body.validatedRole()).map((issued) -> {
			Organisation.ApiKey key = issued.organisation().key(issued.keyId()).orElseThrow();
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(new OrganisationResponse.KeyResponse(key.id(), key.role(), key.createdAt(), null, issued.key()));
		});
	}

	@DeleteMapping("/api/v1/admin/organisations/{id}/keys/{keyId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> revokeKey(CallerIdentity caller, @PathVariable String id, @PathVariable String keyId) {
		requireAdmin(caller);
		return this.organisations.revokeKey(id, keyId).then();
	}

	@GetMapping("/api/v1/organisations/me")
	Mono<OrganisationResponse> me(CallerIdentity caller) {
		if (caller.organisationId().equals(CallerIdentity.PLATFORM)) {
			return Mono.error(ApiProblem.notFound("The platform admin key belongs to no organisation"));
		}
		return this.organisations.find(caller.organisationId()).map(OrganisationResponse::of);
	}

	private static void requireAdmin(CallerIdentity caller) {
		if (!caller.isAdmin()) {
			throw ApiProblem.forbidden("Only platform staff (admin) may manage organisations");
		}
	}

}
