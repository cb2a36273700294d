package dk.sammen.platform.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed identity between the gateway and the services.
 *
 * @param signingKey shared HMAC key (at least 32 characters); every service of one
 * installation has the same
 * @param header the request header carrying the signed identity
 * @param ttl how long a signed identity is accepted, bounding replay of a captured header
 * @param verifyRequests whether this application verifies incoming identities (the services) or
 * only issues them (the gateway)
 */
@ConfigurationProperties("sammen.identity")
public record IdentityProperties(String signingKey, @DefaultValue("X-Sammen-Identity") String header,
		@DefaultValue("60s") Duration ttl, @DefaultValue("true") boolean verifyRequests) {

	public IdentityProperties {
		if (signingKey == null || signingKey.length() < 32) {
			throw new IllegalArgumentException(
					"sammen.identity.signing-key must be set to at least 32 characters (SAMMEN_IDENTITY_SIGNING_KEY)");
		}
	}

}
