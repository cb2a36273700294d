package dk.sammen.platform;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.health.MongoPingHealthIndicator;
import dk.sammen.platform.health.MongoTimeoutProperties;
import dk.sammen.platform.identity.CallerIdentityArgumentResolver;
import dk.sammen.platform.identity.IdentityProperties;
import dk.sammen.platform.identity.SignedIdentities;
import dk.sammen.platform.identity.SignedIdentityWebFilter;
import dk.sammen.platform.outbox.AggregateStore;
import dk.sammen.platform.outbox.OutboxProperties;
import dk.sammen.platform.outbox.OutboxRelay;
import dk.sammen.platform.problem.OversizedRequestProblems;
import dk.sammen.platform.problem.ProblemDetailsExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Wires the platform pieces into each service. */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration" },
		beforeName = { "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration",
				"org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
				"org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration" })
@EnableConfigurationProperties(IdentityProperties.class)
public class SammenPlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Kommuner kommuner() {
		return Kommuner.load();
	}

	@Bean
	@Order(-2)
	ProblemDetailsExceptionHandler problemDetailsExceptionHandler(JsonMapper jsonMapper,
			ObjectProvider<MongoTimeoutProperties> mongoTimeouts) {
		MongoTimeoutProperties timeouts = mongoTimeouts.getIfAvailable();
		return new ProblemDetailsExceptionHandler(jsonMapper,
				(timeouts != null) ? timeouts.retryAfter() : ProblemDetailsExceptionHandler.DEFAULT_RETRY_AFTER);
	}

	@Bean
	SignedIdentities signedIdentities(IdentityProperties properties, Clock clock) {
		return new SignedIdentities(properties.signingKey(), properties.ttl(), clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sammen.identity.verify-requests", matchIfMissing = true)
	static class IdentityVerification {

		@Bean
		SignedIdentityWebFilter signedIdentityWebFilter(SignedIdentities identities, IdentityProperties properties) {
			return new SignedIdentityWebFilter(identities, properties.header());
		}

		@Bean
		WebFluxConfigurer callerIdentityArgumentResolverConfigurer() {
			return new WebFluxConfigurer() {
				@Override
				public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
					configurer.addCustomResolver(new CallerIdentityArgumentResolver());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.http.server.HttpServer")
	static class NettyProblems {

		/** 414 and 431 answered by Netty itself get a problem body too (CONTRACT section 7). */
		@Bean
		NettyServerCustomizer oversizedRequestProblems() {
			return OversizedRequestProblems.customizer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer")
	@EnableConfigurationProperties(MongoTimeoutProperties.class)
	static class MongoTimeouts {

		// a stopped data store must fail a request within seconds (503), not after the driver's 30 s
		@Bean
		MongoClientSettingsBuilderCustomizer sammenMongoTimeouts(MongoTimeoutProperties timeouts) {
			return (settings) -> settings
				.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(
						timeouts.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
				.applyToSocketSettings((socket) -> socket.connectTimeout(
						(int) timeouts.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveMongoTemplate.class)
	@ConditionalOnBean(ReactiveMongoTemplate.class)
	static class MongoHealth {

		@Bean("mongoHealthIndicator")
		MongoPingHealthIndicator mongoHealthIndicator(ReactiveMongoTemplate mongo) {
			return new MongoPingHealthIndicator(mongo);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveMongoTemplate.class)
	@ConditionalOnProperty(prefix = "sammen.outbox", name = "source")
	@EnableConfigurationProperties(OutboxProperties.class)
	static class Outbox {

		@Bean
		KafkaTemplate<String, CloudEvent> cloudEventKafkaTemplate(KafkaProperties kafkaProperties) {
			return dk.sammen.platform.outbox.CloudEvents.kafkaTemplate(kafkaProperties);
		}

		@Bean
		OutboxRelay outboxRelay(ReactiveMongoTemplate mongo,
				@Qualifier("cloudEventKafkaTemplate") KafkaTemplate<String, CloudEvent> kafka,
				OutboxProperties properties, Clock clock, MeterRegistry meters) {
			return new OutboxRelay(mongo, kafka, properties, clock, meters);
		}

		@Bean
		AggregateStore aggregateStore(ReactiveMongoTemplate mongo, OutboxRelay relay) {
			return new AggregateStore(mongo, relay);
		}

	}

}
