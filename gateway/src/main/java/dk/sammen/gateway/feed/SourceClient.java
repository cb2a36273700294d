package dk.sammen.gateway.feed;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

/** Reads one listing page of a service, sorting its answers into data, the client's fault and failure. */
final class SourceClient {

	private final String name;

	private final URI baseUri;

	private final WebClient webClient;

	private final JsonMapper jsonMapper;

	SourceClient(String name, URI baseUri, WebClient webClient, JsonMapper jsonMapper) {
		this.name = name;
		this.baseUri = baseUri;
		this.webClient = webClient;
		this.jsonMapper = jsonMapper;
	}

	<T> Mono<T> get(String path, MultiValueMap<String, String> params, Class<T> pageType) {
		URI uri = URI.create(this.baseUri.toString().replaceAll("/+$", "") + path + query(params));
		return this.webClient.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.map((body) -> {
					HttpStatus status = HttpStatus.resolve(response.statusCode().value());
					if (response.statusCode().is2xxSuccessful()) {
						return this.jsonMapper.readValue(body, pageType);
					}
					if (status == HttpStatus.BAD_REQUEST || status == HttpStatus.UNPROCESSABLE_CONTENT) {
						throw new SourceRejectedQuery(this.name, errors(body));
					}
					throw new IllegalStateException(this.name + " answered " + response.statusCode().value());
				}));
	}

	private List<?> errors(byte[] problem) {
		try {
			Object errors = this.jsonMapper.readValue(problem, Map.class).get("errors");
			return (errors instanceof List<?> list) ? list : List.of();
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	/**
	 * Every value percent-encoded, {@code +} included: {@code from=…T17:00:00+02:00} must not
	 * arrive as a space.
	 */
	private static String query(MultiValueMap<String, String> params) {
		StringBuilder query = new StringBuilder();
		params.forEach((name, values) -> values.forEach((value) -> query.append(query.isEmpty() ? '?' : '&')
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
		return query.toString();
	}

}
