package dk.sammen.notification.webhook;

import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificates a webhook receiver may present. Without a bean of this type the JDK's trusted
 * CAs decide, as for any HTTPS client; only tests declare one (for their self-signed receiver).
 */
@FunctionalInterface
interface WebhookTrust {

	TrustManagerFactory trustManagerFactory();

}
