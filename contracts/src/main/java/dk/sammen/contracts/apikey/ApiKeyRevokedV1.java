package dk.sammen.contracts.apikey;

import java.time.Instant;

/** {@code dk.sammen.apikey.revoked.v1}: the key no longer authenticates anyone. */
public record ApiKeyRevokedV1(String keyId, String organisationId, Instant revokedAt) {
}
