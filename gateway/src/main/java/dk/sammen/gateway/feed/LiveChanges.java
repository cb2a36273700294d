package dk.sammen.gateway.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;

/**
 * The one reader of the stream's topics in this gateway, shared by every live SSE client. It is
 * assigned every partition and seeks itself (no consumer group, nothing committed): it starts at
 * the end of the partitions that exist when it starts — the stream is "from now on" — and at the
 * beginning of partitions created later, which hold nothing older.
 * <p>
 * {@link #position()} is moved past each record before the record is emitted. A client that
 * subscribes to {@link #records()} and then reads the position therefore gets every record the
 * position does not cover, and perhaps some it does, which it skips by offset.
 */
final class LiveChanges implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LiveChanges.class);

	private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

	/** A failed look-up (broker away) is retried sooner than the regular refresh. */
	private static final Duration RETRY = Duration.ofSeconds(5);

	/** Nothing waits for it: a record no client is subscribed to is simply not shown. */
	private final Sinks.Many<StreamRecord> sink = Sinks.many().multicast().directBestEffort();

	/** Completes once the first look at the topics is done, whatever it found. */
	private final Sinks.Empty<Void> firstLook = Sinks.empty();

	private final Function<String, Consumer<String, byte @Nullable []>> consumers;

	private final ChangeDecoder decoder;

	private final Duration partitionRefresh;

	private volatile StreamPosition position = StreamPosition.NONE;

	private volatile boolean running;

	private volatile @Nullable Consumer<String, byte @Nullable []> consumer;

	private @Nullable Thread thread;

	/** @param consumers a new consumer without a group, by client id */
	LiveChanges(Function<String, Consumer<String, byte @Nullable []>> consumers, ChangeDecoder decoder,
			Duration partitionRefresh) {
		this.consumers = consumers;
		this.decoder = decoder;
		this.partitionRefresh = partitionRefresh;
	}

	Flux<StreamRecord> records() {
		return this.sink.asFlux();
	}

	/** Just past the last record emitted, in every partition followed so far. */
	StreamPosition position() {
		return this.position;
	}

	/**
	 * Completes once the partitions that exist are followed from their end. Until then the
	 * position does not know them, and a client resuming from an id could not be told where its
	 * catch-up ends.
	 */
	Mono<Void> ready() {
		return this.firstLook.asMono();
	}

	/** Whether some partition of the topic is followed already. */
	boolean follows(String topic) {
		return this.position.slots().keySet().stream().anyMatch((slot) -> slot.topic().equals(topic));
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = Thread.ofPlatform().name("feed-stream-live").daemon().start(this::follow);
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Consumer<String, byte @Nullable []> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread following = this.thread;
		if (following != null) {
			LockSupport.unpark(following);
			try {
				following.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void follow() {
		try (Consumer<String, byte @Nullable []> reader = this.consumers.apply("gateway-feed-live")) {
			this.consumer = reader;
			boolean looked = false;
			long refreshAt = System.nanoTime();
			while (this.running) {
				try {
					if (System.nanoTime() - refreshAt >= 0) {
						assignNew(reader, !looked);
						looked = true;
						this.firstLook.tryEmitEmpty();
						refreshAt = System.nanoTime() + this.partitionRefresh.toNanos();
					}
					if (reader.assignment().isEmpty()) {
						// nothing to poll yet: the topics' owners have not created them
						LockSupport.parkNanos(POLL_TIMEOUT.toNanos());
						continue;
					}
					for (ConsumerRecord<String, byte @Nullable []> record : reader.poll(POLL_TIMEOUT)) {
						StreamRecord read = this.decoder.decode(record);
						this.position = this.position.after(read.topic(), read.partition(), read.offset());
						// only this thread emits, so emissions never race; no subscriber is no failure
						this.sink.tryEmitNext(read);
					}
				}
				catch (WakeupException ex) {
					// stop() wants the thread back
				}
				catch (KafkaException ex) {
					if (!this.running) {
						return;
					}
					logger.warn("Feed stream cannot read its topics for now: " + ex);
					refreshAt = Math.min(refreshAt, System.nanoTime() + RETRY.toNanos());
					// stop() unparks
					LockSupport.parkNanos(RETRY.toNanos());
				}
			}
		}
		finally {
			this.consumer = null;
		}
	}

	/**
	 * Assigns the partitions that are not assigned yet: at the first look at their end, later (a
	 * topic created or grown since) at their beginning, as all they hold is newer than the start.
	 */
	private void assignNew(Consumer<String, byte @Nullable []> reader, boolean first) {
		Set<TopicPartition> before = reader.assignment();
		List<TopicPartition> fresh = new ArrayList<>();
		for (String topic : StreamPosition.TOPICS) {
			// empty, not an error, while the topic does not exist
			for (PartitionInfo info : reader.partitionsFor(topic, RETRY)) {
				TopicPartition partition = new TopicPartition(topic, info.partition());
				if (!before.contains(partition)) {
					fresh.add(partition);
				}
			}
		}
		if (fresh.isEmpty()) {
			return;
		}
		Set<TopicPartition> after = new HashSet<>(before);
		after.addAll(fresh);
		reader.assign(after);
		try {
			if (first) {
				reader.seekToEnd(fresh);
			}
			else {
				reader.seekToBeginning(fresh);
			}
			StreamPosition next = this.position;
			for (TopicPartition partition : fresh) {
				// resolves the seek now, so that the position is exact before any record of the partition
				next = next.with(partition.topic(), partition.partition(), reader.position(partition, RETRY));
			}
			this.position = next;
		}
		catch (KafkaException ex) {
			// unassigned again, so that the next look starts them over
			reader.assign(before);
			throw ex;
		}
		logger.info("Feed stream follows " + fresh + " from their " + (first ? "end" : "beginning"));
	}

}
