package dk.sammen.gateway.apikey;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API-key settings of the gateway.
 *
 * @param adminKey the bootstrap admin key (env {@code SAMMEN_ADMIN_KEY}), with which platform
 * staff create the first organisations; unset or blank disables it
 * @param adminKeyRequired whether the gateway refuses to start without a strong admin key: true in
 * the {@code compose} and {@code k8s} profiles, where the key guards a real installation; the
 * local stack on one machine may run without one or with a short one of its own
 */
@ConfigurationProperties("sammen.gateway")
record ApiKeyProperties(@Nullable String adminKey, @DefaultValue("false") boolean adminKeyRequired) {

	/** As long as the signing key must be; a generated key ({@code smn_} and 43 characters) is longer. */
	static final int MIN_ADMIN_KEY_LENGTH = 32;

	/** Fewer distinct characters than this is a pattern typed by hand (e.g. a repeated word), not a random key. */
	static final int MIN_DISTINCT_CHARACTERS = 10;

	ApiKeyProperties {
		if (adminKeyRequired) {
			if (adminKey == null || adminKey.isBlank()) {
				throw new IllegalArgumentException("sammen.gateway.admin-key must be set (SAMMEN_ADMIN_KEY) outside "
						+ "the local stack; generate one with e.g. 'openssl rand -base64 32'");
			}
			if (adminKey.strip().length() < MIN_ADMIN_KEY_LENGTH
					|| adminKey.strip().chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
				throw new IllegalArgumentException("sammen.gateway.admin-key (SAMMEN_ADMIN_KEY) is too weak: use at "
						+ "least " + MIN_ADMIN_KEY_LENGTH + " random characters, e.g. from 'openssl rand -base64 32'");
			}
		}
	}

}
