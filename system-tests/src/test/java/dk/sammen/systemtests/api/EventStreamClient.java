package dk.sammen.systemtests.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber of {@code /api/v1/feed/stream}: reads the {@code text/event-stream} line by line
 * on a thread of its own, as a browser's {@code EventSource} would, and keeps what arrived.
 */
public final class EventStreamClient implements AutoCloseable {

	private final List<ServerSentEvent> events = new CopyOnWriteArrayList<>();

	private final List<String> comments = new CopyOnWriteArrayList<>();

	private final HttpResponse<Stream<String>> response;

	private final Thread reader;

	private volatile @Nullable RuntimeException readFailure;

	private EventStreamClient(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.reader = Thread.ofVirtual().name("sse-reader").start(this::read);
	}

	/**
	 * Opens the stream and returns once its headers arrived.
	 * @param query the filters, such as {@code kommune=0173}
	 */
	public static EventStreamClient open(Gateway gateway, String query) {
		HttpRequest request = HttpRequest.newBuilder(gateway.uri("/api/v1/feed/stream?" + query))
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		try {
			HttpResponse<Stream<String>> response = gateway.http()
				.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
				.get(30, TimeUnit.SECONDS);
			if (response.statusCode() != 200) {
				response.body().close();
				throw new AssertionError("The stream answered " + response.statusCode());
			}
			return new EventStreamClient(response);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError("The stream did not open", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	public HttpResponse<Stream<String>> response() {
		return this.response;
	}

	/** The events received so far, in order. */
	public List<ServerSentEvent> events() {
		return List.copyOf(this.events);
	}

	/** The comments received so far ({@code open}, {@code heartbeat}). */
	public List<String> comments() {
		return List.copyOf(this.comments);
	}

	/** The ids of the feed items the events carry. */
	public List<String> itemIds() {
		return this.events.stream().map((event) -> event.json().path("id").asText()).toList();
	}

	/** What was received, and how reading ended if it did, for assertion messages. */
	@Override
	public String toString() {
		return "events " + this.events + ", comments " + this.comments
				+ ((this.readFailure != null) ? ", reading failed: " + this.readFailure : "");
	}

	@Override
	public void close() {
		// closing the line stream cancels the HTTP exchange
		this.response.body().close();
		try {
			this.reader.join(Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The SSE wire format: fields until an empty line; a line starting with ':' is a comment. */
	private void read() {
		String id = null;
		String type = null;
		StringBuilder data = new StringBuilder();
		try (Stream<String> lines = this.response.body()) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						this.events.add(new ServerSentEvent(id, type, data.toString()));
					}
					id = null;
					type = null;
					data.setLength(0);
				}
				else if (line.startsWith(":")) {
					this.comments.add(value(line.substring(1)));
				}
				else if (line.startsWith("id:")) {
					id = value(line.substring(3));
				}
				else if (line.startsWith("event:")) {
					type = value(line.substring(6));
				}
				else if (line.startsWith("data:")) {
					data.append(data.isEmpty() ? "" : "\n").append(value(line.substring(5)));
				}
			}
		}
		catch (RuntimeException ex) {
			// close() ends the exchange this way too; a test waiting for events shows it if it matters
			this.readFailure = ex;
		}
	}

	private static String value(String rest) {
		return rest.startsWith(" ") ? rest.substring(1) : rest;
	}

	/**
	 * One event of the stream.
	 * @param id the change's CloudEvent id
	 * @param type {@code published}, {@code updated} or {@code cancelled}
	 * @param data the item as the JSON feed shows it
	 */
	public record ServerSentEvent(@Nullable String id, @Nullable String type, String data) {

		public JsonNode json() {
			try {
				return Gateway.JSON.readTree(this.data);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Not JSON: " + this.data, ex);
			}
		}

	}

}
