package dk.sammen.platform.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation of a request so the client learns all of them at once. */
public final class Violations {

	private final List<FieldViolation> violations = new ArrayList<>();

	/** Records {@code message} for {@code field} unless {@code valid}; returns {@code valid}. */
	public boolean require(boolean valid, String field, String message) {
		if (!valid) {
			this.violations.add(new FieldViolation(field, message));
		}
		return valid;
	}

	public void add(String field, String message) {
		this.violations.add(new FieldViolation(field, message));
	}

	public boolean isEmpty() {
		return this.violations.isEmpty();
	}

	public List<FieldViolation> list() {
		return List.copyOf(this.violations);
	}

	/** Throws a 422 naming every violation, if there is any. */
	public void throwIfAny() {
		if (!this.violations.isEmpty()) {
			throw new InvalidInputException(list());
		}
	}

}
