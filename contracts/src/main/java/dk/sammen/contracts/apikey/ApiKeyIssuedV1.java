package dk.sammen.contracts.apikey;

import java.time.Instant;

/**
 * {@code dk.sammen.apikey.issued.v1}.
 *
 * @param keyId public identifier of the key
 * @param organisationId the organisation the key acts for
 * @param role {@code admin}, {@code editor} or {@code partner}
 * @param sha256 lower-case hex SHA-256 of the key
 * @param issuedAt when the key was created
 */
public record ApiKeyIssuedV1(String keyId, String organisationId, String role, String sha256, Instant issuedAt) {
}
