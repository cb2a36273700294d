package dk.sammen.notification.webhook;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLException;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.notification.mail.Mailer;
import dk.sammen.notification.partner.PartnerContacts;
import dk.sammen.platform.consumer.CloudEventConsumerConfiguration;
import dk.sammen.platform.consumer.ConsumerMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Wires the webhook feature, and refuses the private-network switch where real partners connect. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
@Import(CloudEventConsumerConfiguration.class)
class WebhookConfiguration {

	WebhookConfiguration(WebhookProperties properties, Environment environment) {
		if (properties.allowPrivateNetworks() && environment.acceptsProfiles(Profiles.of("k8s | compose"))) {
			throw new IllegalStateException("sammen.notification.webhooks.allow-private-networks is for tests and a "
					+ "developer's machine; it must not be set in the k8s or compose profile");
		}
	}

	@Bean
	WebhookEndpoints webhookEndpoints(ReactiveMongoTemplate mongo, WebhookProperties properties) {
		return new WebhookEndpoints(mongo, properties.maxEndpointsPerOrganisation());
	}

	@Bean
	WebhookDeliveries webhookDeliveries(ReactiveMongoTemplate mongo, WebhookProperties properties) {
		return new WebhookDeliveries(mongo, properties.logRetention());
	}

	@Bean
	AddressRules webhookAddressRules(WebhookProperties properties) {
		return new AddressRules(properties.ports(), properties.allowPrivateNetworks(), HostResolver.system());
	}

	@Bean
	SecretBox webhookSecretBox(WebhookProperties properties) {
		return new SecretBox(properties.encryption());
	}

	@Bean
	WebhookMetrics webhookMetrics(MeterRegistry meters) {
		return new WebhookMetrics(meters);
	}

	@Bean
	WebhookSender webhookSender(WebhookProperties properties, ObjectProvider<WebhookTrust> trust) throws SSLException {
		SslContextBuilder tls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
		WebhookTrust custom = trust.getIfAvailable();
		if (custom != null) {
			tls.trustManager(custom.trustManagerFactory());
		}
		SslContext context = tls.build();
		return new WebhookSender(properties, context);
	}

	@Bean
	WebhookNotices webhookNotices(WebhookEndpoints endpoints, WebhookDeliveries deliveries, PartnerContacts contacts,
			Mailer mailer, WebhookMetrics metrics, WebhookProperties properties,
			@Value("${sammen.notification.delivery.message-id-domain:sammen.dk}") String messageIdDomain, Clock clock) {
		return new WebhookNotices(endpoints, deliveries, contacts, mailer, metrics, properties, messageIdDomain, clock);
	}

	@Bean
	WebhookDispatcher webhookDispatcher(WebhookDeliveries deliveries, WebhookEndpoints endpoints, AddressRules rules,
			WebhookSender sender, SecretBox secrets, WebhookNotices notices, WebhookMetrics metrics,
			WebhookProperties properties, Clock clock) {
		RetrySchedule schedule = new RetrySchedule(properties.initialBackoff(), properties.backoffMultiplier(),
				properties.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
		return new WebhookDispatcher(deliveries, endpoints, rules, sender, secrets, schedule, notices, metrics,
				properties, clock);
	}

	@Bean
	WebhookListener webhookListener(WebhookEndpoints endpoints, WebhookDeliveries deliveries,
			WebhookDispatcher dispatcher, ConsumerMetrics metrics, JsonMapper json, Clock clock) {
		return new WebhookListener(endpoints, deliveries, dispatcher, metrics, json, clock);
	}

}
