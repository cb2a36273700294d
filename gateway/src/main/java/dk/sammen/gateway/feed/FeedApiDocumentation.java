package dk.sammen.gateway.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.OpenAPI;

import org.springframework.core.io.ClassPathResource;

/**
 * The feed's OpenAPI description, written by hand in {@code openapi.yaml} next to this class: the
 * feed is functional routes, which springdoc cannot describe from code, and its examples for
 * partners read better as a document than as annotations.
 */
final class FeedApiDocumentation {

	private FeedApiDocumentation() {
	}

	static OpenAPI load() {
		ClassPathResource resource = new ClassPathResource("openapi.yaml", FeedApiDocumentation.class);
		try (InputStream in = resource.getInputStream()) {
			return Yaml31.mapper().readValue(in, OpenAPI.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The feed's OpenAPI description does not load", ex);
		}
	}

}
