package dk.sammen.gateway.apidocs;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The routes of the API documentation. Swagger UI itself and the gateway's own description
 * ({@code /api/docs/feed}) are springdoc's, configured in {@code application.yml}; the gateway's
 * own description is the {@link OpenAPI} bean springdoc serves, taken into the merge as it is.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ApiDocsProperties.class, ServiceUris.class })
class ApiDocsConfiguration {

	static final String DOCS_PATH = "/api/docs";

	static final String MERGED_PATH = "/api/v1/openapi.json";

	/** Descriptions with long texts and many schemas are well over WebClient's default 256 KiB. */
	private static final int MAX_DESCRIPTION_BYTES = 4 * 1024 * 1024;

	@Bean
	RouterFunction<ServerResponse> apiDocsRoutes(ApiDocsProperties properties, ServiceUris uris,
			ObjectProvider<OpenAPI> gateway) {
		List<ServiceDescription> services = List.of(
				new ServiceDescription("events", "events-service", uris.eventsUri()),
				new ServiceDescription("campaigns", "campaign-service", uris.campaignUri()),
				new ServiceDescription("notifications", "notification-service", uris.notificationUri()));
		WebClient webClient = WebClient.builder()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_DESCRIPTION_BYTES))
			.build();
		ApiDocsHandler handler = new ApiDocsHandler(
				new ApiDocsClient(webClient, properties.servicePath(), properties.timeout()), new ApiDocsMerger(),
				info(), gateway.getIfUnique(), services, properties.maxAge());
		RouterFunctions.Builder routes = RouterFunctions.route().GET(MERGED_PATH, handler::merged);
		for (ServiceDescription service : services) {
			routes.GET(service.docsPath(), (request) -> handler.service(service));
		}
		return routes.build();
	}

	private static Info info() {
		return new Info().title("Sammen API")
			.version("v1")
			.description("""
					Everything Sammen offers through its gateway, merged from the services' own descriptions: \
					partners' events, campaigns and their activities, subscriptions and newsletters, and the \
					public feed.

					Partners and editors send their API key as `Authorization: Bearer <api-key>`; public reads \
					need no key. Every error is `application/problem+json` (RFC 9457). Reads are rate limited \
					per client address and writes per API key: past the budget the answer is `429` with \
					`Retry-After` in seconds and the `X-RateLimit-*` headers.

					Each service's description on its own: `/api/docs/events`, `/api/docs/campaigns`, \
					`/api/docs/notifications` and `/api/docs/feed`; to browse them, `/api/docs`. \
					`x-sammen-sources` says which services this description could include.""");
	}

}
