package dk.sammen.events.organisation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.organisation.OrganisationSnapshotV1;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner organisation with its API keys (hashes only), stored as one document.
 *
 * @param announcedAt when the organisation first went out on {@code sammen.organisations.v1}; null
 * for one registered before that topic existed, which {@link OrganisationAnnouncer} then announces
 * @param reconfirmAfterDays how long the organisation's confirmation of an offer holds, when platform
 * staff set one for it; null for the platform's default
 */
@Document("organisations")
record Organisation(@Id String id, String name, @Indexed(unique = true) String cvr, String kind,
		String contactEmail, List<ApiKey> keys, long version, Instant createdAt, Instant updatedAt,
		@Nullable Instant announcedAt, @Nullable Integer reconfirmAfterDays) {

	Organisation withKey(ApiKey key, Instant now) {
		List<ApiKey> updated = new ArrayList<>(this.keys);
		updated.add(key);
		return new Organisation(this.id, this.name, this.cvr, this.kind, this.contactEmail, updated,
				this.version + 1, this.createdAt, now, this.announcedAt, this.reconfirmAfterDays);
	}

	Organisation withKeyRevoked(String keyId, Instant now) {
		List<ApiKey> updated = this.keys.stream()
			.map((key) -> key.id().equals(keyId) && key.revokedAt() == null ? key.revoked(now) : key)
			.toList();
		return new Organisation(this.id, this.name, this.cvr, this.kind, this.contactEmail, updated,
				this.version + 1, this.createdAt, now, this.announcedAt, this.reconfirmAfterDays);
	}

	/** The same organisation, marked as announced; a new version, since the document changes. */
	Organisation announced(Instant now) {
		return new Organisation(this.id, this.name, this.cvr, this.kind, this.contactEmail, this.keys,
				this.version + 1, this.createdAt, this.updatedAt, now, this.reconfirmAfterDays);
	}

	/** The same organisation with its own re-confirmation interval, or the platform's (null). */
	Organisation withReconfirmAfterDays(@Nullable Integer days, Instant now) {
		return new Organisation(this.id, this.name, this.cvr, this.kind, this.contactEmail, this.keys,
				this.version + 1, this.createdAt, now, this.announcedAt, days);
	}

	/** What other services may know: no keys. */
	OrganisationSnapshotV1 snapshot() {
		return new OrganisationSnapshotV1(this.id, this.name, this.kind, this.contactEmail, this.version,
				this.updatedAt);
	}

	Optional<ApiKey> key(String keyId) {
		return this.keys.stream().filter((key) -> key.id().equals(keyId)).findFirst();
	}

	/** One API key; {@code sha256} is the only trace of the key itself. */
	record ApiKey(String id, String role, String sha256, Instant createdAt, @Nullable Instant revokedAt) {

		ApiKey revoked(Instant at) {
			return new ApiKey(this.id, this.role, this.sha256, this.createdAt, at);
		}

	}

}
