package dk.sammen.gateway.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for a service's listing: it serves its items in (startsAt, id)
 * order with keyset paging ({@code limit}, {@code cursor} as {@code <prefix>|epochMillis|id} in
 * base64url, {@code nextCursor}) like events-service, and can be made slow, failing, rejecting
 * or stopped.
 */
final class ListingBackend implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String cursorPrefix;

	private final List<Map<String, Object>> items = new CopyOnWriteArrayList<>();

	private final List<String> uris = new CopyOnWriteArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile Duration delay = Duration.ZERO;

	private volatile int failure;

	private volatile @Nullable List<Map<String, String>> rejection;

	private final int port;

	private @Nullable DisposableServer server;

	private ListingBackend(String cursorPrefix) {
		this.cursorPrefix = cursorPrefix;
		this.server = bind(0);
		this.port = this.server.port();
	}

	static ListingBackend start(String cursorPrefix) {
		return new ListingBackend(cursorPrefix);
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	void add(Map<String, Object> item) {
		this.items.add(item);
	}

	/** Back to empty, fast and answering, listening again if it was stopped. */
	synchronized void reset() {
		this.items.clear();
		this.uris.clear();
		this.delay = Duration.ZERO;
		this.failure = 0;
		this.rejection = null;
		if (this.server == null) {
			this.server = bind(this.port);
		}
	}

	void delay(Duration delay) {
		this.delay = delay;
	}

	void failWith(int status) {
		this.failure = status;
	}

	void answerNormally() {
		this.failure = 0;
		this.delay = Duration.ZERO;
	}

	/** Answer 400 with these {@code errors}, as events-service does for bad filters. */
	void reject(List<Map<String, String>> errors) {
		this.rejection = errors;
	}

	/** Stops listening: connections are refused until {@link #reset()}. */
	synchronized void stop() {
		if (this.server != null) {
			this.server.disposeNow();
			this.server = null;
		}
	}

	int requests() {
		return this.requests.get();
	}

	/** The request URIs received, oldest first. */
	List<String> uris() {
		return List.copyOf(this.uris);
	}

	@Override
	public synchronized void close() {
		stop();
	}

	private DisposableServer bind(int port) {
		return HttpServer.create().host("127.0.0.1").port(port).handle(this::handle).bindNow();
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		this.requests.incrementAndGet();
		this.uris.add(request.uri());
		Mono<Void> answer = Mono.defer(() -> {
			List<Map<String, String>> errors = this.rejection;
			if (errors != null) {
				return json(response.status(400), Map.of("status", 400, "errors", errors),
						"application/problem+json");
			}
			if (this.failure != 0) {
				return json(response.status(this.failure), Map.of("status", this.failure), "application/problem+json");
			}
			return json(response, page(new QueryStringDecoder(request.uri()).parameters()), "application/json");
		});
		return this.delay.isZero() ? answer : Mono.delay(this.delay).then(answer);
	}

	private Map<String, Object> page(Map<String, List<String>> params) {
		int limit = Integer.parseInt(params.getOrDefault("limit", List.of("20")).get(0));
		List<Map<String, Object>> sorted = new ArrayList<>(this.items);
		sorted.sort(Comparator.comparing((Map<String, Object> item) -> startsAt(item).toInstant())
			.thenComparing((item) -> (String) item.get("id")));
		List<String> cursor = params.get("cursor");
		if (cursor != null) {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor.get(0)), StandardCharsets.UTF_8)
				.split("\\|", 3);
			if (!parts[0].equals(this.cursorPrefix)) {
				throw new IllegalArgumentException("Not my cursor: " + parts[0]);
			}
			long millis = Long.parseLong(parts[1]);
			sorted.removeIf((item) -> {
				long starts = startsAt(item).toInstant().toEpochMilli();
				return starts < millis || starts == millis && ((String) item.get("id")).compareTo(parts[2]) <= 0;
			});
		}
		boolean more = sorted.size() > limit;
		List<Map<String, Object>> served = more ? sorted.subList(0, limit) : sorted;
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("items", served);
		page.put("nextCursor", more ? "opaque-" + this.cursorPrefix : null);
		return page;
	}

	private static OffsetDateTime startsAt(Map<String, Object> item) {
		return OffsetDateTime.parse((String) item.get("startsAt"));
	}

	private static Mono<Void> json(HttpServerResponse response, Object body, String contentType) {
		return Mono.from(response.header("Content-Type", contentType)
			.sendByteArray(Mono.just(JSON.writeValueAsBytes(body))));
	}

}
