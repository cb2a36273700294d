package dk.sammen.gateway.feed;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.gateway.ClientAddresses;
import dk.sammen.platform.geography.Kommuner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The feed's routes, its sources with their breakers, its meters, and the topic readers behind
 * its stream.
 * The routes are WebFlux functional routes, whose handler mapping comes before Spring Cloud
 * Gateway's, so the gateway's catch-all 404 route never sees these paths.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FeedProperties.class, FeedSourceUris.class })
class FeedConfiguration {

	static final String PATH = "/api/v1/feed";

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
	FeedMetrics feedMetrics(MeterRegistry registry) {
		return new FeedMetrics(registry, List.of("json", "ics", "atom", "jsonld"),
				List.of(EventsSource.NAME, CampaignActivitiesSource.NAME));
	}

	@Bean
	JsonFeedWriter feedJsonWriter(JsonMapper jsonMapper, Kommuner kommuner) {
		return new JsonFeedWriter(jsonMapper, kommuner);
	}

	@Bean
	FeedService feedService(FeedSourceUris uris, FeedProperties properties, JsonMapper jsonMapper,
			ReactiveResilience4JCircuitBreakerFactory breakers, FeedMetrics metrics) {
		WebClient webClient = WebClient.builder()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_SOURCE_PAGE_BYTES))
			.build();
		return new FeedService(
				new EventsSource(new SourceClient(EventsSource.NAME, uris.eventsUri(), webClient, jsonMapper)),
				new CampaignActivitiesSource(
						new SourceClient(CampaignActivitiesSource.NAME, uris.campaignUri(), webClient, jsonMapper)),
				breakers, properties.sourceTimeout(), metrics);
	}

	@Bean
	FeedValidators feedValidators(LiveChanges live, Clock clock, FeedProperties properties) {
		return new FeedValidators(live.records(), clock, properties.validators().ttl(),
				properties.validators().maxEntries());
	}

	@Bean
	FeedWritesFilter feedWritesFilter(FeedValidators validators) {
		return new FeedWritesFilter(validators);
	}

	@Bean
	RouterFunction<ServerResponse> feedRoutes(FeedService feed, FeedValidators validators, LiveChanges live,
			ChangeReplay replay, FeedProperties properties, JsonFeedWriter json, JsonMapper jsonMapper,
			Kommuner kommuner, Clock clock, FeedMetrics metrics, ClientAddresses clientAddresses) {
		FeedHandler handler = new FeedHandler(feed, validators, properties.maxAge(), metrics, json,
				new JsonLdFeedWriter(jsonMapper, kommuner), new ICalendarFeedWriter(), new AtomFeedWriter());
		StreamHandler streamHandler = new StreamHandler(live, replay, kommuner, clock, new ClientStream.Settings(
				properties.heartbeat(), properties.streamBuffer(), properties.streamRetry()), metrics,
				clientAddresses, new StreamAdmission(properties.streamMaxClients(),
						properties.streamMaxClientsPerAddress(), properties.streamRetry()));
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
	ChangeDecoder feedChangeDecoder(JsonFeedWriter json, JsonMapper jsonMapper) {
		return new ChangeDecoder(json, jsonMapper);
	}

	@Bean
	LiveChanges feedLiveChanges(KafkaProperties kafka, ChangeDecoder decoder, FeedProperties properties) {
		return new LiveChanges(streamConsumers(kafka.buildConsumerProperties()), decoder,
				properties.streamPartitionRefresh());
	}

	@Bean
	ChangeReplay feedChangeReplay(KafkaProperties kafka, ChangeDecoder decoder, FeedProperties properties,
			Clock clock) {
		return new ChangeReplay(streamConsumers(kafka.buildConsumerProperties()), decoder,
				properties.resumeWindow(), clock);
	}

	/**
	 * Consumers for the stream, from the application's Kafka client settings, by client id. They belong to no consumer group and commit nothing:
	 * they are assigned their partitions and seek, so a client's position is Kafka's offsets alone,
	 * which any replica can resume from. The topics are the services'; these never create them.
	 */
	static Function<String, Consumer<String, byte @Nullable []>> streamConsumers(Map<String, Object> kafka) {
		Map<String, Object> config = new HashMap<>(kafka);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		// a position the broker no longer has (retention) goes on with the oldest it still has
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		// values stay bytes: ChangeDecoder reads the CloudEvent and skips what it cannot read
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return (clientId) -> {
			Map<String, Object> own = new HashMap<>(config);
			own.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
			return new KafkaConsumer<>(own);
		};
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
