package dk.sammen.gateway.apidocs;

import java.net.URI;
import java.time.Duration;

import io.swagger.v3.oas.models.OpenAPI;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** Fetches a service's OpenAPI description straight from the service, not through the gateway's routes. */
final class ApiDocsClient {

	private final WebClient webClient;

	private final String path;

	private final Duration timeout;

	ApiDocsClient(WebClient webClient, String path, Duration timeout) {
		this.webClient = webClient;
		this.path = path;
		this.timeout = timeout;
	}

	Mono<OpenAPI> fetch(ServiceDescription service) {
		URI uri = URI.create(service.baseUri().toString().replaceAll("/+$", "") + this.path);
		return this.webClient.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(byte[].class)
			.timeout(this.timeout)
			.map(OpenApiJson::read);
	}

}
