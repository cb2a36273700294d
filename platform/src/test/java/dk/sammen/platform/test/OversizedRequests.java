package dk.sammen.platform.test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A request line or headers over Netty's limits, which Netty refuses before Spring sees them: the
 * answer is still a problem (CONTRACT section 7), whether the gateway or a service is called.
 */
public final class OversizedRequests {

	private OversizedRequests() {
	}

	/** A 16 KiB query string on {@code path} is a 414 problem. */
	public static void assertUriTooLongIsProblem(WebTestClient http, String path) {
		http.get().uri(path + "?q=" + "a".repeat(16 * 1024)).exchange()
			.expectStatus().isEqualTo(HttpStatus.URI_TOO_LONG)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(414)
			.jsonPath("$.type").exists()
			.jsonPath("$.title").exists();
	}

	/** A 32 KiB header on a request to {@code path} is a 431 problem. */
	public static void assertHeadersTooLargeIsProblem(WebTestClient http, String path) {
		http.get().uri(path).header("X-Padding", "a".repeat(32 * 1024)).exchange()
			.expectStatus().isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(431)
			.jsonPath("$.type").exists()
			.jsonPath("$.title").exists();
	}

}
