package dk.sammen.notification.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Outgoing webhooks (CONTRACT section 9).
 *
 * @param maxEndpointsPerOrganisation most endpoints one organisation may register
 * @param allowedPorts ports an endpoint may use besides 443
 * @param allowPrivateNetworks lets endpoints resolve to loopback and private addresses (10/8,
 * 172.16/12, 192.168/16, fc00::/7): for tests and a developer's machine only, refused in the
 * {@code k8s} and {@code compose} profiles; link-local (the cloud metadata address), multicast and
 * the like stay refused even then
 * @param connectTimeout longest wait for the TCP connection and TLS handshake
 * @param readTimeout longest wait for the response status after the request was sent
 * @param maxResponseBytes most bytes of a response body read (and thrown away) before the connection
 * is closed; nothing of it is stored
 * @param lease how long a replica owns a delivery attempt it claimed; another replica re-sends the
 * attempt after that, with the same delivery id. Must exceed connect plus read timeout.
 * @param pollInterval how often each replica looks for due deliveries when not woken up
 * @param concurrency most attempts one replica has in flight
 * @param maxAttempts attempts per delivery, the first included, before it is given up
 * @param initialBackoff pause after the first failed attempt, growing by {@code backoffMultiplier}
 * @param backoffMultiplier growth of the pause between attempts
 * @param maxBackoff longest pause between attempts; each pause is jittered down to half of it at random
 * @param disableAfterFailures consecutive failed attempts after which an endpoint is turned off …
 * @param disableAfter … if it has also been failing at least this long
 * @param secretRotationGrace how long the previous secret still signs (as a second {@code v1=})
 * after a rotation, so a receiver can switch without losing deliveries
 * @param logRetention how long delivery records (the delivery log) are kept
 * @param consumerGroup the Kafka consumer group of the delivery listener
 * @param noticeLanguage the language of the mail telling a partner an endpoint was turned off
 * @param encryption the keys that encrypt the stored signing secrets
 */
@ConfigurationProperties("sammen.notification.webhooks")
record WebhookProperties(@DefaultValue("5") int maxEndpointsPerOrganisation, @DefaultValue List<Integer> allowedPorts,
		@DefaultValue("false") boolean allowPrivateNetworks, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout, @DefaultValue("8KB") DataSize maxResponseBytes,
		@DefaultValue("60s") Duration lease, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("16") int concurrency, @DefaultValue("15") int maxAttempts,
		@DefaultValue("30s") Duration initialBackoff, @DefaultValue("2.0") double backoffMultiplier,
		@DefaultValue("4h") Duration maxBackoff, @DefaultValue("15") int disableAfterFailures,
		@DefaultValue("24h") Duration disableAfter, @DefaultValue("24h") Duration secretRotationGrace,
		@DefaultValue("30d") Duration logRetention,
		@DefaultValue("notification-service-webhooks") String consumerGroup, @DefaultValue("da") String noticeLanguage,
		Encryption encryption) {

	WebhookProperties {
		Assert.notNull(encryption, "sammen.notification.webhooks.encryption.keys and .active-key must be set "
				+ "(SAMMEN_NOTIFICATION_WEBHOOK_SECRET_KEY)");
		Assert.isTrue(maxEndpointsPerOrganisation >= 1, "sammen.notification.webhooks.max-endpoints-per-organisation must be at least 1");
		Assert.isTrue(allowedPorts.stream().allMatch((port) -> port > 0 && port < 65536),
				"sammen.notification.webhooks.allowed-ports must be TCP ports");
		Assert.isTrue(connectTimeout.isPositive() && readTimeout.isPositive(), "webhook timeouts must be positive");
		Assert.isTrue(lease.compareTo(connectTimeout.plus(readTimeout).plusSeconds(5)) > 0,
				"sammen.notification.webhooks.lease must exceed connect-timeout + read-timeout by more than 5s");
		Assert.isTrue(maxAttempts >= 1, "sammen.notification.webhooks.max-attempts must be at least 1");
		Assert.isTrue(backoffMultiplier >= 1, "sammen.notification.webhooks.backoff-multiplier must be at least 1");
		Assert.isTrue(initialBackoff.isPositive() && maxBackoff.compareTo(initialBackoff) >= 0,
				"sammen.notification.webhooks.initial-backoff must be positive and at most max-backoff");
		Assert.isTrue(disableAfterFailures >= 1, "sammen.notification.webhooks.disable-after-failures must be at least 1");
		Assert.isTrue(concurrency >= 1, "sammen.notification.webhooks.concurrency must be at least 1");
		Assert.isTrue(noticeLanguage.equals("da") || noticeLanguage.equals("en"),
				"sammen.notification.webhooks.notice-language must be da or en");
		allowedPorts = List.copyOf(allowedPorts);
	}

	/** 443 and the configured extra ports. */
	Set<Integer> ports() {
		Set<Integer> ports = new TreeSet<>(this.allowedPorts);
		ports.add(443);
		return ports;
	}

	/**
	 * Keys that encrypt the signing secrets at rest (AES-256-GCM, the key derived as SHA-256 of the
	 * configured secret). Rotate by adding a key and making it active: secrets stored under an older key
	 * still decrypt while it is listed, and are stored under the active one at their next rotation.
	 *
	 * @param keys every key that may still decrypt a stored secret
	 * @param activeKey the id of the key new secrets are encrypted with
	 */
	record Encryption(List<Key> keys, String activeKey) {

		Encryption {
			keys = List.copyOf(keys);
			Assert.isTrue(keys.stream().anyMatch((key) -> key.id().equals(activeKey)),
					"sammen.notification.webhooks.encryption.active-key '" + activeKey
							+ "' is not among sammen.notification.webhooks.encryption.keys");
			for (Key key : keys) {
				Assert.isTrue(!key.id().isEmpty() && !key.id().contains(":"),
						"A webhook encryption key id must be non-empty and without ':'");
				// Boot's binder leaves an unresolvable ${…} as it is, which would pass the length check
				Assert.isTrue(!key.secret().startsWith("${"), () -> "Webhook encryption key '" + key.id()
						+ "' is not set: provide " + key.secret().substring(2, key.secret().length() - 1).split(":")[0]);
				Assert.isTrue(key.secret().length() >= 32,
						"Webhook encryption key '" + key.id() + "' must be at least 32 characters");
			}
		}

	}

	/** A named key; {@code toString} leaves the secret out of logs. */
	record Key(String id, String secret) {

		@Override
		public String toString() {
			return "Key[id=" + this.id + "]";
		}

	}

}
