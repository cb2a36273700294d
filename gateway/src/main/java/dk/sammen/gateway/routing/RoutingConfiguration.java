package dk.sammen.gateway.routing;

import reactor.core.publisher.Mono;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The routes of CONTRACT sections 2 to 6. They are code rather than YAML so that a path can only
 * point at one of the typed service URIs, and a typo fails the build instead of becoming a 404.
 * Paths not listed here are answered 404 by the gateway itself; the feed and the API documentation
 * are served by the gateway's own routes, and Swagger UI's files by springdoc, all matched before
 * any of these ({@code spring.cloud.gateway.server.webflux.handler-mapping.order}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
class RoutingConfiguration {

	@Bean
	RouteLocator serviceRoutes(RouteLocatorBuilder routes, RoutingProperties properties) {
		RoutingProperties.Services services = properties.services();
		return routes.routes()
			// before events-service's /api/v1/organisations/**: an organisation's webhooks live in notification-service
			.route("notification-service-webhooks",
					(route) -> route.order(-1)
						.path("/api/v1/organisations/me/webhooks", "/api/v1/organisations/me/webhooks/**")
						.uri(services.notificationUri()))
			.route("events-service",
					(route) -> route
						.path("/api/v1/events", "/api/v1/events/**", "/api/v1/organisations/**",
								"/api/v1/admin/organisations", "/api/v1/admin/organisations/**")
						.uri(services.eventsUri()))
			.route("campaign-service",
					(route) -> route.path("/api/v1/campaigns", "/api/v1/campaigns/**", "/api/v1/campaign-activities",
							"/api/v1/programmes/**", "/api/v1/coverage", "/api/v1/coverage.csv", "/api/v1/coverage/**")
						.uri(services.campaignUri()))
			.route("notification-service",
					(route) -> route
						.path("/api/v1/subscriptions", "/api/v1/subscriptions/**", "/api/v1/admin/newsletters",
								"/api/v1/admin/newsletters/**")
						.uri(services.notificationUri()))
			// last, so that it only sees what no service owns; the actuator is mapped before any route
			.route("not-found",
					(route) -> route.order(Ordered.LOWEST_PRECEDENCE)
						.path("/**")
						.filters((filters) -> filters.filter((exchange, chain) -> Mono.error(
								ApiProblem.notFound("No API at " + exchange.getRequest().getPath().value()))))
						.uri("no://op"))
			.build();
	}

	@Bean
	BackendUnavailableFilter backendUnavailableFilter() {
		return new BackendUnavailableFilter();
	}

	@Bean
	RequestBodyLimitFilter requestBodyLimitFilter(RoutingProperties properties) {
		return new RequestBodyLimitFilter(properties.maxBodySize(), properties.maxBatchBodySize());
	}

}
