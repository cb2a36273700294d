package dk.sammen.gateway.feed;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The feed's meters: {@code sammen.feed.latency} (request to finished answer, by {@code format}),
 * {@code sammen.feed.partial} (answers without one source, by the {@code source} missing) and
 * {@code sammen.feed.stream.clients} (SSE clients connected to this replica). Every tag value is
 * registered at start, so dashboards and alerts see zeros rather than nothing.
 */
final class FeedMetrics {

	static final String LATENCY = "sammen.feed.latency";

	static final String PARTIAL = "sammen.feed.partial";

	static final String STREAM_CLIENTS = "sammen.feed.stream.clients";

	private final MeterRegistry registry;

	private final AtomicInteger streamClients = new AtomicInteger();

	FeedMetrics(MeterRegistry registry, Iterable<String> formats, Iterable<String> sources) {
		this.registry = registry;
		formats.forEach(this::latency);
		sources.forEach(this::partialCounter);
		Gauge.builder(STREAM_CLIENTS, this.streamClients, AtomicInteger::get)
			.description("SSE clients connected to this gateway")
			.register(registry);
	}

	/** Times the answer from subscription to its end; a client that hangs up first is not counted. */
	<T> Mono<T> timed(String format, Mono<T> answer) {
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return answer.doOnTerminate(() -> latency(format).record(Duration.ofNanos(System.nanoTime() - started)));
		});
	}

	void partial(String missingSource) {
		partialCounter(missingSource).increment();
	}

	/** Counts the stream's subscriber as a connected client for as long as it is subscribed. */
	<T> Flux<T> connected(Flux<T> stream) {
		return stream.doOnSubscribe((subscription) -> this.streamClients.incrementAndGet())
			.doFinally((signal) -> this.streamClients.decrementAndGet());
	}

	private Timer latency(String format) {
		return Timer.builder(LATENCY)
			.description("Time to answer a feed page, by format")
			.tag("format", format)
			.publishPercentileHistogram()
			.register(this.registry);
	}

	private Counter partialCounter(String source) {
		return Counter.builder(PARTIAL)
			.description("Feed answers given without a source that was slow or down, by that source")
			.tag("source", source)
			.register(this.registry);
	}

}
