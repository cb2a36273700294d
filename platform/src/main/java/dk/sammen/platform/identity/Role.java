package dk.sammen.platform.identity;

import java.util.Arrays;
import java.util.Optional;

/** The roles of CONTRACT section 2. */
public enum Role {

	/** Platform staff. */
	ADMIN("admin"),

	/** May manage a campaign it is an editor of. */
	EDITOR("editor"),

	/** An organisation: owns its own events and nothing else. */
	PARTNER("partner");

	private final String slug;

	Role(String slug) {
		this.slug = slug;
	}

	public String slug() {
		return this.slug;
	}

	public static Optional<Role> fromSlug(String slug) {
		return Arrays.stream(values()).filter((role) -> role.slug.equals(slug)).findFirst();
	}

}
