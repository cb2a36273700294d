package dk.sammen.gateway.feed;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.swagger.v3.oas.models.OpenAPI;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.contracts.Topics;
import dk.sammen.platform.geography.Kommuner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The feed's routes, its sources with their breakers, and the topic reader behind its stream.
 * The routes are WebFlux functional routes, whose handler mapping comes before Spring Cloud
 * Gateway's, so the gateway's catch-all 404 route never sees these paths.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FeedProperties.class, FeedSourceUris.class })
class FeedConfiguration {

	static final String PATH = "/api/v1/feed";

	static final String STREAM_CONTAINER = "feedStreamListenerContainer";

	private static final Log logger = LogFactory.getLog(FeedConfiguration.class);

	/** A full page of events with long descriptions is well over WebClient's default 256 KiB. */
	private static final int MAX_SOURCE_PAGE_BYTES = 8 * 1024 * 1024;

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> feedCircuitBreakers(FeedProperties properties) {
		FeedProperties.CircuitBreaker breaker = properties.circuitBreaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumNumberOfCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
			.ignoreExceptions(SourceRejectedQuery.class)
			.build();
		// the service applies the budget itself, inside the breaker; this is only a backstop
		TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom()
			.timeoutDuration(properties.sourceTimeout().multipliedBy(2))
			.build();
		return (factory) -> factory.configure(
				(builder) -> builder.circuitBreakerConfig(config).timeLimiterConfig(timeLimiter),
				FeedService.BREAKER_PREFIX + EventsSource.NAME,
				FeedService.BREAKER_PREFIX + CampaignActivitiesSource.NAME);
	}

	@Bean
	FeedService feedService(FeedSourceUris uris, FeedProperties properties, JsonMapper jsonMapper,
			ReactiveResilience4JCircuitBreakerFactory breakers) {
		WebClient webClient = WebClient.builder()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_SOURCE_PAGE_BYTES))
			.build();
		return new FeedService(
				new EventsSource(new SourceClient(EventsSource.NAME, uris.eventsUri(), webClient, jsonMapper)),
				new CampaignActivitiesSource(
						new SourceClient(CampaignActivitiesSource.NAME, uris.campaignUri(), webClient, jsonMapper)),
				breakers, properties.sourceTimeout());
	}

	@Bean
	RouterFunction<ServerResponse> feedRoutes(FeedService feed, EventStream stream, FeedProperties properties,
			JsonMapper jsonMapper, Kommuner kommuner, Clock clock) {
		JsonFeedWriter json = new JsonFeedWriter(jsonMapper, kommuner);
		FeedHandler handler = new FeedHandler(feed, properties.maxAge(), json,
				new JsonLdFeedWriter(jsonMapper, kommuner), new ICalendarFeedWriter(), new AtomFeedWriter());
		StreamHandler streamHandler = new StreamHandler(stream, json, jsonMapper, kommuner, clock,
				properties.heartbeat(), properties.streamBuffer());
		return RouterFunctions.route()
			.GET(PATH, handler::negotiated)
			.GET(PATH + ".ics", (request) -> handler.in(request, ICalendarFeedWriter.TEXT_CALENDAR))
			.GET(PATH + ".atom", (request) -> handler.in(request, AtomFeedWriter.APPLICATION_ATOM_XML))
			.GET(PATH + "/stream", streamHandler::stream)
			.build();
	}

	/**
	 * The gateway's own API description: springdoc serves it, and the aggregated documentation
	 * takes it in beside the services' descriptions.
	 */
	@Bean
	OpenAPI feedApiDocumentation() {
		return FeedApiDocumentation.load();
	}

	@Bean
	EventStream eventStream(JsonMapper jsonMapper) {
		return new EventStream(jsonMapper);
	}

	/**
	 * Each replica streams to its own clients, so each reads the topic under a consumer group of
	 * its own, from the end: the stream is "from now on". Nothing is committed, as nothing is
	 * resumed from. The topic is events-service's; this consumer never creates it.
	 */
	@Bean(STREAM_CONTAINER)
	KafkaMessageListenerContainer<String, CloudEvent> feedStreamListenerContainer(KafkaProperties kafka,
			EventStream stream) {
		Map<String, Object> config = kafka.buildConsumerProperties();
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-feed-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
		config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, CloudEventDeserializer.class);
		ContainerProperties properties = new ContainerProperties(Topics.EVENTS);
		properties.setMessageListener(stream);
		// MANUAL without ever acknowledging is how a listener container commits nothing
		properties.setAckMode(ContainerProperties.AckMode.MANUAL);
		KafkaMessageListenerContainer<String, CloudEvent> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(config), properties);
		// a change that cannot be read now never can: log it and go on with the next
		DefaultErrorHandler skipping = new DefaultErrorHandler(
				(record, ex) -> logger.warn("Skipping unreadable record " + record.topic() + "-" + record.partition()
						+ "@" + record.offset() + ": " + NestedExceptionUtils.getMostSpecificCause(ex)),
				new FixedBackOff(0L, 0L));
		skipping.setAckAfterHandle(false);
		container.setCommonErrorHandler(skipping);
		return container;
	}

	/**
	 * Anyone's website may embed the feed; it is public and read-only. First among the web
	 * filters, so that every answer carries the CORS headers, a 429 from the rate limit included:
	 * without them a page could not see the refusal, let alone when to retry.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	CorsWebFilter feedCorsFilter() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOrigin(CorsConfiguration.ALL);
		cors.addAllowedMethod(HttpMethod.GET);
		cors.addAllowedMethod(HttpMethod.HEAD);
		cors.addAllowedHeader(CorsConfiguration.ALL);
		cors.addExposedHeader(HttpHeaders.ETAG);
		cors.addExposedHeader(HttpHeaders.LINK);
		cors.addExposedHeader(FeedHandler.SOURCES_HEADER);
		cors.addExposedHeader(HttpHeaders.RETRY_AFTER);
		cors.addExposedHeader("X-RateLimit-Remaining");
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		for (String path : new String[] { PATH, PATH + ".ics", PATH + ".atom", PATH + "/**" }) {
			source.registerCorsConfiguration(path, cors);
		}
		return new CorsWebFilter(source);
	}

}
