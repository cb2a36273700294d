package dk.sammen.gateway.apidocs;

import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.gateway.apidocs.ApiDocsMerger.Source;
import dk.sammen.platform.problem.ApiProblem;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the services' descriptions one by one and merged. Like the feed, the merged description
 * answers with what it has when a service is slow or down, and says which one is missing.
 */
final class ApiDocsHandler {

	/** The gateway's own part of the merged description. */
	static final String GATEWAY = "gateway";

	private static final Log logger = LogFactory.getLog(ApiDocsHandler.class);

	private final ApiDocsClient client;

	private final ApiDocsMerger merger;

	private final Info info;

	private final @Nullable OpenAPI gateway;

	private final List<ServiceDescription> services;

	private final CacheControl complete;

	ApiDocsHandler(ApiDocsClient client, ApiDocsMerger merger, Info info, @Nullable OpenAPI gateway,
			List<ServiceDescription> services, Duration maxAge) {
		this.client = client;
		this.merger = merger;
		this.info = info;
		// a copy taken now, before anything else can change the bean
		this.gateway = (gateway != null) ? OpenApiJson.copy(gateway) : null;
		this.services = List.copyOf(services);
		this.complete = CacheControl.maxAge(maxAge).cachePublic();
	}

	Mono<ServerResponse> merged(ServerRequest request) {
		Flux<Source> fetched = Flux.fromIterable(this.services)
			.flatMapSequential((service) -> this.client.fetch(service)
				.map((openApi) -> new Source(service.name(), openApi))
				.onErrorResume((ex) -> {
					logger.warn(service.service() + "'s API description is unavailable: " + ex);
					return Mono.just(new Source(service.name(), null));
				}));
		Flux<Source> sources = (this.gateway != null) ? fetched.startWith(new Source(GATEWAY, this.gateway))
				: fetched;
		return sources.collectList().flatMap((all) -> {
			OpenAPI merged = this.merger.merge(this.info, all);
			boolean partial = all.stream().anyMatch((source) -> source.openApi() == null);
			return json(merged, partial ? CacheControl.noCache() : this.complete);
		});
	}

	Mono<ServerResponse> service(ServiceDescription service) {
		return this.client.fetch(service)
			.onErrorMap((ex) -> {
				logger.warn(service.service() + "'s API description is unavailable: " + ex);
				return ApiProblem
					.serviceUnavailable(service.service() + "'s API description is unavailable; try again shortly");
			})
			.flatMap((openApi) -> json(this.merger.single(service.name(), openApi), this.complete));
	}

	private static Mono<ServerResponse> json(OpenAPI openApi, CacheControl cacheControl) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(cacheControl)
			.bodyValue(OpenApiJson.write(openApi));
	}

}
