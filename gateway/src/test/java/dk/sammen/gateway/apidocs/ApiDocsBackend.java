package dk.sammen.gateway.apidocs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP server standing in for a service's springdoc endpoint: it serves one OpenAPI
 * description at {@code /v3/api-docs}, and can be made slow or stopped and started again.
 */
final class ApiDocsBackend implements AutoCloseable {

	private final String description;

	private final int port;

	private volatile Duration delay = Duration.ZERO;

	private @Nullable DisposableServer server;

	private ApiDocsBackend(String description) {
		this.description = description;
		this.server = bind(0);
		this.port = this.server.port();
	}

	static ApiDocsBackend serving(String description) {
		return new ApiDocsBackend(description);
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	void slow(Duration delay) {
		this.delay = delay;
	}

	/** Fast and listening again. */
	synchronized void reset() {
		this.delay = Duration.ZERO;
		if (this.server == null) {
			this.server = bind(this.port);
		}
	}

	synchronized void stop() {
		if (this.server != null) {
			this.server.disposeNow();
			this.server = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	private DisposableServer bind(int port) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.get("/v3/api-docs",
					(request, response) -> Mono.delay(this.delay)
						.then(Mono.from(response.header("Content-Type", "application/json")
							.sendByteArray(Mono.just(this.description.getBytes(StandardCharsets.UTF_8)))))))
			.bindNow();
	}

}
