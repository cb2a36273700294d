package dk.sammen.events.event;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/events/changes}: what a partner system needs to keep an exact copy. */
@RestController
class ChangeFeedController {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 500;

	private final ChangeFeed feed;

	ChangeFeedController(ChangeFeed feed) {
		this.feed = feed;
	}

	@GetMapping("/api/v1/events/changes")
	Mono<ChangeFeed.Page> changes(CallerIdentity caller, @RequestParam(required = false) @Nullable String since,
			@RequestParam(required = false) @Nullable String limit) {
		Violations violations = new Violations();
		ChangeCursor cursor = null;
		if (since != null) {
			cursor = ChangeCursor.decode(since).orElse(null);
			violations.require(cursor != null, "since", "use the nextCursor of an earlier answer, or leave it out");
		}
		int size = DEFAULT_LIMIT;
		if (limit != null) {
			size = limit.matches("[0-9]{1,4}") ? Integer.parseInt(limit) : -1;
			violations.require(size >= 1 && size <= MAX_LIMIT, "limit", "a whole number from 1 to " + MAX_LIMIT);
		}
		if (!violations.isEmpty()) {
			ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameters",
					violations.list().size() + " query parameter(s) are not valid");
			problem.getBody().setProperty("errors", violations.list());
			return Mono.error(problem);
		}
		return this.feed.changes(caller, cursor, size);
	}

}
