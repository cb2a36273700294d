package dk.sammen.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for a service: it answers every request with what it received
 * (its name, method, URI, headers and body size) as JSON, and counts the requests.
 */
final class EchoBackend implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AtomicInteger requests = new AtomicInteger();

	private final DisposableServer server;

	private EchoBackend(String name) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asByteArray()
				.defaultIfEmpty(new byte[0])
				.flatMap((body) -> {
					this.requests.incrementAndGet();
					Map<String, List<String>> headers = new LinkedHashMap<>();
					request.requestHeaders()
						.forEach((header) -> headers
							.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
							.add(header.getValue()));
					Map<String, Object> echo = new LinkedHashMap<>();
					echo.put("backend", name);
					echo.put("method", request.method().name());
					echo.put("uri", request.uri());
					echo.put("headers", headers);
					echo.put("bodyBytes", body.length);
					return Mono.from(response.header("Content-Type", "application/json")
						.sendByteArray(Mono.just(JSON.writeValueAsBytes(echo))));
				}))
			.bindNow();
	}

	static EchoBackend start(String name) {
		return new EchoBackend(name);
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
