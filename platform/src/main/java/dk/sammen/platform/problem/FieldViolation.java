package dk.sammen.platform.problem;

/** One rejected input field, by its JSON path (e.g. {@code location.kommuneCode}). */
public record FieldViolation(String field, String message) {
}
