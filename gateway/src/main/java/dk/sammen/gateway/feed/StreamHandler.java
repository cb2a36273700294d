package dk.sammen.gateway.feed;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.platform.geography.Kommuner;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/v1/feed/stream}: Server-Sent Events of the public events published, changed or
 * cancelled from now on that match the filters. Each SSE {@code id} is the change's CloudEvent id,
 * its {@code event} the kind of change and its {@code data} the item as the JSON feed shows it. A
 * comment opens the stream and heartbeats follow, so proxies keep an idle connection open.
 */
final class StreamHandler {

	private final EventStream stream;

	private final JsonFeedWriter json;

	private final JsonMapper jsonMapper;

	private final Kommuner kommuner;

	private final Clock clock;

	private final Duration heartbeat;

	private final int buffer;

	StreamHandler(EventStream stream, JsonFeedWriter json, JsonMapper jsonMapper, Kommuner kommuner, Clock clock,
			Duration heartbeat, int buffer) {
		this.stream = stream;
		this.json = json;
		this.jsonMapper = jsonMapper;
		this.kommuner = kommuner;
		this.clock = clock;
		this.heartbeat = heartbeat;
		this.buffer = buffer;
	}

	Mono<ServerResponse> stream(ServerRequest request) {
		return Mono.defer(() -> {
			StreamQuery query = StreamQuery.parse(request.queryParams(), this.kommuner);
			Flux<ServerSentEvent<String>> changes = this.stream.changes()
				.filter((change) -> query.matches(change.event(), this.clock.instant()))
				.map((change) -> ServerSentEvent.builder(this.jsonMapper
					.writeValueAsString(this.json.item(EventStream.item(change.event()))))
					.id(change.id())
					.event(change.type())
					.build())
				// a slow client loses its oldest changes, never the stream of anyone else
				.onBackpressureBuffer(this.buffer, BufferOverflowStrategy.DROP_OLDEST);
			Flux<ServerSentEvent<String>> heartbeats = Flux.interval(this.heartbeat)
				.map((tick) -> ServerSentEvent.<String>builder().comment("heartbeat").build());
			// the changes are subscribed to as the opening comment is emitted: a client that has it misses nothing
			Flux<ServerSentEvent<String>> events = Flux.concat(
					Mono.just(ServerSentEvent.<String>builder().comment("open").build()),
					Flux.merge(changes, heartbeats));
			return ServerResponse.ok()
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.cacheControl(CacheControl.noStore())
				.body(BodyInserters.fromServerSentEvents(events));
		});
	}

}
