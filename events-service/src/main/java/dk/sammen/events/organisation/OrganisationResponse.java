package dk.sammen.events.organisation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** An organisation as its owner and platform staff see it; {@code apiKey} only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrganisationResponse(String id, String name, String cvr, String kind, String contactEmail, long version,
		Instant createdAt, Instant updatedAt, @Nullable Integer reconfirmAfterDays, List<KeyResponse> keys,
		@Nullable String apiKeyId, @Nullable String apiKey) {

	static OrganisationResponse of(Organisation organisation) {
		return new OrganisationResponse(organisation.id(), organisation.name(), organisation.cvr(),
				organisation.kind(), organisation.contactEmail(), organisation.version(), organisation.createdAt(),
				organisation.updatedAt(), organisation.reconfirmAfterDays(),
				organisation.keys().stream().map(KeyResponse::of).toList(), null, null);
	}

	OrganisationResponse withNewKey(String keyId, String key) {
		return new OrganisationResponse(this.id, this.name, this.cvr, this.kind, this.contactEmail, this.version,
				this.createdAt, this.updatedAt, this.reconfirmAfterDays, this.keys, keyId, key);
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record KeyResponse(String id, String role, Instant createdAt, @Nullable Instant revokedAt,
			@Nullable String apiKey) {

		static KeyResponse of(Organisation.ApiKey key) {
			return new KeyResponse(key.id(), key.role(), key.createdAt(), key.revokedAt(), null);
		}

	}

}
