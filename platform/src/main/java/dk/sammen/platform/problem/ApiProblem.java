package dk.sammen.platform.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A client-visible failure with a stable problem {@code type}. */
public class ApiProblem extends ErrorResponseException {

	/** Base of every problem type URI; the types are documented in the README. */
	public static final String TYPE_BASE = "https://sammen.dk/problems/";

	public ApiProblem(HttpStatus status, String type, String title, String detail) {
		super(status, problem(status, type, title, detail), null);
	}

	static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

	public static ApiProblem notFound(String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
	}

	public static ApiProblem unauthorized(String detail) {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required", detail);
	}

	public static ApiProblem forbidden(String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
	}

	public static ApiProblem conflict(String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, "conflict", "Conflicts with the current state", detail);
	}

	public static ApiProblem preconditionFailed(String detail) {
		return new ApiProblem(HttpStatus.PRECONDITION_FAILED, "stale-version", "The resource has changed", detail);
	}

	public static ApiProblem preconditionRequired(String detail) {
		return new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match is required",
				detail);
	}

	public static ApiProblem badRequest(String type, String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, type, "Bad request", detail);
	}

	public static ApiProblem serviceUnavailable(String detail) {
		return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable", detail);
	}

}
