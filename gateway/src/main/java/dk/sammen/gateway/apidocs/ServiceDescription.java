package dk.sammen.gateway.apidocs;

import java.net.URI;

/**
 * A service whose OpenAPI description the gateway serves.
 *
 * @param name its short name: the last segment of {@code /api/docs/<name>} and its key in the
 * merged description's {@code x-sammen-sources}
 * @param service the service's own name
 * @param baseUri where the gateway reaches it
 */
record ServiceDescription(String name, String service, URI baseUri) {

	String docsPath() {
		return ApiDocsConfiguration.DOCS_PATH + "/" + this.name;
	}

}
