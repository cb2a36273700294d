package dk.sammen.events.organisation;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.identity.Role;
import dk.sammen.platform.problem.Violations;

/** Request bodies of the organisation endpoints, validated at the edge. */
final class OrganisationRequests {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>,;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9-]{1,63})+$");

	private OrganisationRequests() {
	}

	record CreateOrganisation(@Nullable String name, @Nullable String cvr, @Nullable String kind,
			@Nullable String contactEmail) {

		void validate() {
			Violations violations = new Violations();
			violations.require(this.name != null && !this.name.isBlank() && this.name.length() <= 200, "name",
					"required, at most 200 characters");
			violations.require(this.cvr != null && CvrNumber.isValid(this.cvr), "cvr",
					"must be an 8-digit Danish CVR number passing the modulus-11 check");
			violations.require(this.kind != null && OrganisationKind.fromSlug(this.kind).isPresent(), "kind",
					"must be one of " + OrganisationKind.slugs());
			violations.require(this.contactEmail != null && this.contactEmail.length() <= 254
					&& EMAIL.matcher(this.contactEmail).matches(), "contactEmail", "must be an e-mail address");
			violations.throwIfAny();
		}

	}

	/**
	 * How long an organisation's confirmation of an offer holds, in days; null returns the
	 * organisation to the platform's default.
	 */
	record Freshness(@Nullable Integer reconfirmAfterDays) {

		static final int MIN_DAYS = 7;

		static final int MAX_DAYS = 730;

		@Nullable Integer validated() {
			Violations violations = new Violations();
			violations.require(this.reconfirmAfterDays == null
					|| (this.reconfirmAfterDays >= MIN_DAYS && this.reconfirmAfterDays <= MAX_DAYS), "reconfirmAfterDays",
					"whole days from " + MIN_DAYS + " to " + MAX_DAYS + ", or null for the platform's default");
			violations.throwIfAny();
			return this.reconfirmAfterDays;
		}

	}

	record IssueKey(@Nullable String role) {

		Role validatedRole() {
			if (this.role == null) {
				return Role.PARTNER;
			}
			Role parsed = Role.fromSlug(this.role).filter((candidate) -> candidate != Role.ADMIN).orElse(null);
			Violations violations = new Violations();
			violations.require(parsed != null, "role", "must be 'partner' or 'editor'");
			violations.throwIfAny();
			return parsed;
		}

	}

}
