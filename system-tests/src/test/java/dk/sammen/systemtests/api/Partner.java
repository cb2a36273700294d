package dk.sammen.systemtests.api;

/** An organisation created by the admin, with the API key the answer showed once. */
public record Partner(String organisationId, String name, String apiKey) {
}
