package dk.sammen.platform.identity;

/**
 * An authenticated caller: the organisation an API key acts for, the key's role and the key id
 * (for audit). Platform staff using the bootstrap admin key act for {@link #PLATFORM}.
 */
public record CallerIdentity(String organisationId, Role role, String keyId) {

	/** The organisation id of the platform's own staff. */
	public static final String PLATFORM = "platform";

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	/** Whether this caller may act on something owned by {@code ownerOrganisationId}. */
	public boolean mayActFor(String ownerOrganisationId) {
		return isAdmin() || this.organisationId.equals(ownerOrganisationId);
	}

}
