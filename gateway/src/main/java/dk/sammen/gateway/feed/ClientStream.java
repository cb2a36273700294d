package dk.sammen.gateway.feed;

import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.SynchronousSink;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;

import dk.sammen.gateway.feed.StreamRecord.Change;
import org.springframework.http.codec.ServerSentEvent;

/**
 * One SSE client's stream. It follows the shared {@link LiveChanges}; when it resumes from a
 * {@code Last-Event-ID}, or falls behind the live changes, it first catches up from Kafka with a
 * {@link ChangeReplay} of its own and then goes on with the live changes it held meanwhile.
 * <p>
 * The client's position moves past every record it handles, shown or not, and a record at or
 * past which it already is, is skipped: that is what makes the hand-over from catch-up to live
 * neither lose nor repeat anything. Every message carries the position as its {@code id}.
 */
final class ClientStream {

	private static final Log logger = LogFactory.getLog(ClientStream.class);

	/** What a {@code reset} event says; the client should reload the feed's pages. */
	static final String RESET_DATA = "{\"reason\":\"outside-resume-window\"}";

	private final LiveChanges live;

	private final ChangeReplay replay;

	private final StreamQuery query;

	private final @Nullable StreamPosition resume;

	private final Clock clock;

	private final Settings settings;

	/** Only the stream's own serialized signals touch these, one session after the other. */
	private StreamPosition position = StreamPosition.NONE;

	private boolean opened;

	/** @param resume the {@code Last-Event-ID}, null for "from now on" */
	ClientStream(LiveChanges live, ChangeReplay replay, StreamQuery query, @Nullable StreamPosition resume,
			Clock clock, Settings settings) {
		this.live = live;
		this.replay = replay;
		this.query = query;
		this.resume = resume;
		this.clock = clock;
		this.settings = settings;
	}

	/** A session per catch-up: a client that fell behind gets a new one from where it is. */
	Flux<ServerSentEvent<String>> events() {
		return this.live.ready()
			.thenMany(Flux.defer(this::session))
			.retryWhen(Retry.indefinitely().filter(FellBehind.class::isInstance));
	}

	private Flux<ServerSentEvent<String>> session() {
		// live changes are held from before the live position is read, so none falls between the two
		Sinks.Many<StreamRecord> held = Sinks.many()
			.unicast()
			.onBackpressureBuffer(Queues.<StreamRecord>get(Math.max(1, this.settings.buffer())).get());
		Disposable following = this.live.records().subscribe((record) -> {
			Sinks.EmitResult result = held.tryEmitNext(record);
			if (result.isFailure() && result != Sinks.EmitResult.FAIL_TERMINATED
					&& result != Sinks.EmitResult.FAIL_CANCELLED) {
				held.tryEmitError(new FellBehind());
			}
		});
		StreamPosition now = this.live.position();
		StreamPosition from = this.opened ? this.position : (this.resume != null) ? this.resume : now;
		Flux<Step> catchUp = (this.opened || this.resume != null) ? this.replay.read(from, now) : Flux.empty();
		Flux<Step> steps = Flux.concat(Mono.just(new Begin(from, false)), catchUp, held.asFlux());
		// a client that does not read needs no heartbeats queued up
		Flux<Step> heartbeats = Flux.interval(this.settings.heartbeat())
			.<Step>map((tick) -> new Heartbeat())
			.onBackpressureDrop();
		return Flux.merge(steps, heartbeats)
			.<ServerSentEvent<String>>handle(this::step)
			.doFinally((signal) -> following.dispose());
	}

	private void step(Step step, SynchronousSink<ServerSentEvent<String>> sink) {
		switch (step) {
			case Begin begin -> {
				this.position = begin.position();
				if (!this.opened) {
					this.opened = true;
					sink.next(ServerSentEvent.<String>builder()
						.id(this.position.encode())
						.retry(this.settings.retry())
						.comment("open")
						.build());
				}
				else if (begin.reset()) {
					sink.next(ServerSentEvent.builder(RESET_DATA).id(this.position.encode()).event("reset").build());
				}
			}
			case Heartbeat heartbeat -> {
				if (this.opened) {
					// the id lets a client whose filters rarely match resume close to where it is
					sink.next(ServerSentEvent.<String>builder().id(this.position.encode()).comment("heartbeat").build());
				}
			}
			case StreamRecord record -> {
				Long next = this.position.next(record.topic(), record.partition());
				if (next != null && record.offset() < next) {
					return;
				}
				this.position = this.position.after(record.topic(), record.partition(), record.offset());
				Change change = record.change();
				if (change != null && matches(change)) {
					sink.next(ServerSentEvent.builder(change.data())
						.id(this.position.encode())
						.event(change.type())
						.build());
				}
			}
		}
	}

	/**
	 * A payload that lacks what a filter looks at (the contract's fields, left out by a faulty
	 * publisher) is not shown rather than ending the client's stream, which would resume on it again.
	 */
	private boolean matches(Change change) {
		try {
			return change.matches(this.query, this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.debug("Not showing a change the filters cannot be applied to: " + ex);
			return false;
		}
	}

	/** What a client's stream is made of, in the order it handles them. */
	sealed interface Step permits StreamRecord, Begin, Heartbeat {
	}

	/**
	 * The client's position from here on.
	 *
	 * @param reset true when the position the client asked for was outside the resume window, so
	 * it starts at the window's beginning and may have missed changes
	 */
	record Begin(StreamPosition position, boolean reset) implements Step {
	}

	/** Time to tell the client (and the proxies in between) that the stream is alive. */
	record Heartbeat() implements Step {
	}

	/**
	 * What every client stream is set to.
	 *
	 * @param buffer live changes held while the client is not reading or still catching up (at
	 * least this many: small buffers are rounded up)
	 */
	record Settings(Duration heartbeat, int buffer, Duration retry) {
	}

	/** More live changes came than the client took; it catches up from Kafka instead. */
	private static final class FellBehind extends RuntimeException {

		FellBehind() {
			super("The client fell behind the live changes", null, false, false);
		}

	}

}
