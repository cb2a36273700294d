package dk.sammen.gateway.feed;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.gateway.ClientAddresses;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.Violations;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/v1/feed/stream}: Server-Sent Events of the public events and campaign
 * activities published, changed or cancelled from now on that match the filters. Each SSE
 * {@code event} is the kind of change, its {@code data} the item as the JSON feed shows it and its
 * {@code id} the client's position in the topics ({@link StreamPosition}). A client that comes
 * back with that id ({@code Last-Event-ID}, or {@code ?lastEventId=} for clients that cannot set
 * headers) gets what it missed, within the resume window, and then the live changes.
 * <p>
 * Invalid queries are refused before a connection is counted; then {@link StreamAdmission} bounds
 * the streams per client address and per gateway.
 * <p>
 * The first message is a comment with the reconnection delay ({@code retry:}) and an id, so even
 * a client that saw no change yet can resume; heartbeats follow, so proxies keep an idle
 * connection open.
 */
final class StreamHandler {

	static final String LAST_EVENT_ID = "Last-Event-ID";

	static final String LAST_EVENT_ID_PARAMETER = "lastEventId";

	private final LiveChanges live;

	private final ChangeReplay replay;

	private final Kommuner kommuner;

	private final Clock clock;

	private final ClientStream.Settings settings;

	private final FeedMetrics metrics;

	private final ClientAddresses clientAddresses;

	private final StreamAdmission admission;

	StreamHandler(LiveChanges live, ChangeReplay replay, Kommuner kommuner, Clock clock,
			ClientStream.Settings settings, FeedMetrics metrics, ClientAddresses clientAddresses,
			StreamAdmission admission) {
		this.live = live;
		this.replay = replay;
		this.kommuner = kommuner;
		this.clock = clock;
		this.settings = settings;
		this.metrics = metrics;
		this.clientAddresses = clientAddresses;
		this.admission = admission;
	}

	Mono<ServerResponse> stream(ServerRequest request) {
		return Mono.defer(() -> {
			StreamQuery query = StreamQuery.parse(request.queryParams(), this.kommuner);
			StreamPosition resume = resume(request);
			StreamAdmission.Permit permit = this.admission.admit(this.clientAddresses.of(request.exchange().getRequest()));
			Flux<ServerSentEvent<String>> events = this.metrics
				.connected(new ClientStream(this.live, this.replay, query, resume, this.clock, this.settings).events())
				.doFinally((signal) -> permit.release());
			return ServerResponse.ok()
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.cacheControl(CacheControl.noStore())
				.body(BodyInserters.fromServerSentEvents(events));
		});
	}

	/**
	 * The position to resume from. The header wins: a browser's {@code EventSource} keeps the URL
	 * it was opened with and sends its latest id as the header on every reconnect.
	 */
	private static @Nullable StreamPosition resume(ServerRequest request) {
		String header = request.headers().firstHeader(LAST_EVENT_ID);
		String parameter = request.queryParams().getFirst(LAST_EVENT_ID_PARAMETER);
		String field = (header != null && !header.isBlank()) ? LAST_EVENT_ID : LAST_EVENT_ID_PARAMETER;
		String id = (header != null && !header.isBlank()) ? header : parameter;
		if (id == null || id.isBlank()) {
			return null;
		}
		return StreamPosition.decode(id).orElseThrow(() -> {
			Violations violations = new Violations();
			violations.add(field, "the id of a message this stream sent; connect without one to start from now");
			return FeedQuery.invalid(violations.list());
		});
	}

}
