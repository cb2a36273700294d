package dk.sammen.platform.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/** Well-formed input that breaks the rules: 422 with an {@code errors} array. */
public class InvalidInputException extends ApiProblem {

	private final List<FieldViolation> violations;

	public InvalidInputException(List<FieldViolation> violations) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "The request is not valid",
				violations.size() == 1 ? violations.get(0).field() + ": " + violations.get(0).message()
						: violations.size() + " fields are not valid");
		this.violations = List.copyOf(violations);
		getBody().setProperty("errors", this.violations);
	}

	public InvalidInputException(String field, String message) {
		this(List.of(new FieldViolation(field, message)));
	}

	public List<FieldViolation> violations() {
		return this.violations;
	}

}
