package dk.sammen.notification.token;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that sign subscription links.
 *
 * @param keys every key that may still verify a link; old keys stay here until their links have
 * expired
 * @param activeKey the id of the key new links are signed with
 * @param confirmValidity how long a confirmation link works
 * @param manageValidity how long a manage link in a mail works
 * @param unsubscribeValidity how long an unsubscribe link in a mail works; long, because people
 * unsubscribe from old mails
 */
@ConfigurationProperties("sammen.notification.tokens")
public record TokenProperties(List<Key> keys, String activeKey, @DefaultValue("7d") Duration confirmValidity,
		@DefaultValue("90d") Duration manageValidity, @DefaultValue("365d") Duration unsubscribeValidity) {

	public TokenProperties {
		keys = List.copyOf(keys);
		if (keys.stream().noneMatch((key) -> key.id().equals(activeKey))) {
			throw new IllegalArgumentException("sammen.notification.tokens.active-key '" + activeKey
					+ "' is not among sammen.notification.tokens.keys");
		}
		for (Key key : keys) {
			if (key.id().isEmpty() || key.id().contains(".")) {
				throw new IllegalArgumentException("A token key id must be non-empty and without '.': " + key.id());
			}
			if (key.secret().length() < 32) {
				throw new IllegalArgumentException("Token key '" + key.id() + "' must be at least 32 characters");
			}
		}
	}

	Duration validity(TokenPurpose purpose) {
		return switch (purpose) {
			case CONFIRM -> this.confirmValidity;
			case MANAGE -> this.manageValidity;
			case UNSUBSCRIBE -> this.unsubscribeValidity;
		};
	}

	/** A named signing key. */
	public record Key(String id, String secret) {

		@Override
		public String toString() {
			return "Key[id=" + this.id + "]";
		}

	}

}
