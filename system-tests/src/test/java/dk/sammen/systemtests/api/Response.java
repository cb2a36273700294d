package dk.sammen.systemtests.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** An answer of the gateway with its body as text. */
public record Response(String request, int status, HttpHeaders headers, String body) {

	public Optional<String> header(String name) {
		return this.headers.firstValue(name);
	}

	public JsonNode json() {
		try {
			return Gateway.JSON.readTree(this.body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Not JSON: " + this, ex);
		}
	}

	/**
	 * @throws AssertionError naming the request, status and body if the status is another
	 */
	public Response expect(int expectedStatus) {
		if (this.status != expectedStatus) {
			throw new AssertionError("Expected " + expectedStatus + " for " + this.request + " but got " + this);
		}
		return this;
	}

	@Override
	public String toString() {
		return this.status + " " + this.body;
	}

}
