package dk.sammen.gateway.feed;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

import dk.sammen.gateway.feed.StreamPosition.Slot;

/**
 * A client's catch-up: the records between the position it resumes from and the live reader's
 * position, read by a consumer of its own that is assigned and seeks (no group, nothing
 * committed), so any replica can serve any client's {@code Last-Event-ID}. It reads as fast as
 * the client takes, one poll at a time, on a thread that may block.
 * <p>
 * Only the resume window is replayed: a partition position before it, before what the broker
 * still keeps, or beyond what it has ever had (an id from another cluster or a re-created topic)
 * starts at the window's beginning, and the catch-up says so with a {@code reset}.
 */
final class ChangeReplay {

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

	private final Function<String, Consumer<String, byte @Nullable []>> consumers;

	private final ChangeDecoder decoder;

	private final Duration window;

	private final Clock clock;

	private final AtomicLong readers = new AtomicLong();

	/** @param consumers a new consumer without a group, by client id */
	ChangeReplay(Function<String, Consumer<String, byte @Nullable []>> consumers, ChangeDecoder decoder,
			Duration window, Clock clock) {
		this.consumers = consumers;
		this.decoder = decoder;
		this.window = window;
		this.clock = clock;
	}

	/**
	 * A {@link ClientStream.Begin} with the position the catch-up starts from, then the records from
	 * there up to {@code until} (exclusive) in each partition {@code until} has.
	 */
	Flux<ClientStream.Step> read(StreamPosition from, StreamPosition until) {
		return Flux.<List<ClientStream.Step>, @Nullable Reader>generate(() -> new Reader(from, until), Reader::next,
				ChangeReplay::close)
			// not fused: the generator runs where the requests are (the blocking thread), and a
			// cancel closes the consumer only while no poll is running
			.hide()
			.flatMapIterable(Function.identity(), 1)
			.subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Closes on a thread that may block, as a cancel can come from an event loop; Reactor hands
	 * the reader over once, when nothing else uses it any more. Null when a cancel comes after the
	 * end, which closed it already.
	 */
	private static void close(@Nullable Reader reader) {
		if (reader != null) {
			Schedulers.boundedElastic().schedule(reader::close);
		}
	}

	/** One catch-up's consumer; Reactor calls it from one thread at a time. */
	private final class Reader {

		private final Consumer<String, byte @Nullable []> consumer;

		/** The partitions still to read, with the offset to stop before. */
		private final Map<TopicPartition, Long> remaining = new HashMap<>();

		private ClientStream.@Nullable Begin begin;

		Reader(StreamPosition from, StreamPosition until) {
			this.consumer = ChangeReplay.this.consumers
				.apply("gateway-feed-replay-" + ChangeReplay.this.readers.incrementAndGet());
			try {
				this.begin = start(from, until);
			}
			catch (RuntimeException ex) {
				this.consumer.close();
				throw ex;
			}
		}

		private ClientStream.Begin start(StreamPosition from, StreamPosition until) {
			List<TopicPartition> partitions = until.slots()
				.keySet()
				.stream()
				.map((slot) -> new TopicPartition(slot.topic(), slot.partition()))
				.toList();
			if (partitions.isEmpty()) {
				return new ClientStream.Begin(from, false);
			}
			// assigned while looking up: the client warns about offsets of partitions it is not assigned
			this.consumer.assign(partitions);
			Map<TopicPartition, Long> kept = this.consumer.beginningOffsets(partitions, LOOKUP_TIMEOUT);
			Map<TopicPartition, Long> ends = this.consumer.endOffsets(partitions, LOOKUP_TIMEOUT);
			long windowStart = ChangeReplay.this.clock.millis() - ChangeReplay.this.window.toMillis();
			Map<TopicPartition, Long> times = new HashMap<>();
			partitions.forEach((partition) -> times.put(partition, windowStart));
			Map<TopicPartition, @Nullable OffsetAndTimestamp> inWindow = this.consumer.offsetsForTimes(times,
					LOOKUP_TIMEOUT);
			StreamPosition start = from;
			boolean reset = false;
			for (TopicPartition partition : partitions) {
				long end = ends.get(partition);
				OffsetAndTimestamp first = inWindow.get(partition);
				long earliest = Math.max(kept.get(partition), (first != null) ? first.offset() : end);
				Long asked = from.next(partition.topic(), partition.partition());
				long begin;
				if (asked == null) {
					// a partition the client never heard of: created since, or its topic was
					begin = earliest;
				}
				else if (asked < earliest || asked > end) {
					begin = earliest;
					reset = true;
				}
				else {
					begin = asked;
				}
				start = start.with(partition.topic(), partition.partition(), begin);
				long stop = until.slots().get(new Slot(partition.topic(), partition.partition()));
				if (begin < stop) {
					this.remaining.put(partition, stop);
				}
			}
			this.consumer.assign(this.remaining.keySet());
			for (Map.Entry<TopicPartition, Long> partition : this.remaining.entrySet()) {
				this.consumer.seek(partition.getKey(), start.next(partition.getKey().topic(),
						partition.getKey().partition()));
			}
			return new ClientStream.Begin(start, reset);
		}

		Reader next(SynchronousSink<List<ClientStream.Step>> sink) {
			ClientStream.Begin first = this.begin;
			if (first != null) {
				this.begin = null;
				sink.next(List.of(first));
				return this;
			}
			if (this.remaining.isEmpty()) {
				sink.complete();
				return this;
			}
			List<ClientStream.Step> batch = new ArrayList<>();
			for (ConsumerRecord<String, byte @Nullable []> record : this.consumer.poll(POLL_TIMEOUT)) {
				Long stop = this.remaining.get(new TopicPartition(record.topic(), record.partition()));
				// from the stop on, the live reader has it
				if (stop != null && record.offset() < stop) {
					batch.add(ChangeReplay.this.decoder.decode(record));
				}
			}
			for (Iterator<Map.Entry<TopicPartition, Long>> partitions = this.remaining.entrySet().iterator(); partitions
				.hasNext();) {
				Map.Entry<TopicPartition, Long> partition = partitions.next();
				if (this.consumer.position(partition.getKey(), LOOKUP_TIMEOUT) >= partition.getValue()) {
					this.consumer.pause(List.of(partition.getKey()));
					partitions.remove();
				}
			}
			// possibly empty: the next poll comes with the next request
			sink.next(batch);
			return this;
		}

		void close() {
			this.consumer.close();
		}

	}

}
