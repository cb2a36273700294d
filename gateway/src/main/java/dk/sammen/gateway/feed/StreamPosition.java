package dk.sammen.gateway.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.Topics;

/**
 * Where a stream client is in the topics the stream follows: for each partition, the offset of
 * the next record it has not yet been shown (or skipped by its filters). Kafka's offsets are the
 * same for every reader, so any gateway replica can resume a client from the position another
 * one handed out. It is what each SSE {@code id} carries, opaque to clients and versioned like
 * {@link FeedCursor}.
 */
final class StreamPosition {

	/** The topics the stream follows, in the order the position lists them. */
	static final List<String> TOPICS = List.of(Topics.EVENTS, Topics.CAMPAIGN_ACTIVITIES);

	static final StreamPosition NONE = new StreamPosition(new TreeMap<>());

	private static final String VERSION = "s1";

	/** Short, fixed codes instead of topic names keep ids small; a new topic needs a new code. */
	private static final Map<String, String> CODES = Map.of(Topics.EVENTS, "e", Topics.CAMPAIGN_ACTIVITIES, "a");

	private static final Pattern SLOT = Pattern.compile("([ea])([0-9]{1,5}):([0-9]{1,18})");

	/** Far more partitions than either topic will have; bounds the work a forged id can cause. */
	private static final int MAX_SLOTS = 512;

	private final TreeMap<Slot, Long> next;

	private StreamPosition(TreeMap<Slot, Long> next) {
		this.next = next;
	}

	/** The offset to read next in the partition, or null if this position does not know it. */
	@Nullable Long next(String topic, int partition) {
		return this.next.get(new Slot(topic, partition));
	}

	/** This position with the partition's next offset set. */
	StreamPosition with(String topic, int partition, long nextOffset) {
		TreeMap<Slot, Long> changed = new TreeMap<>(this.next);
		changed.put(new Slot(topic, partition), nextOffset);
		return new StreamPosition(changed);
	}

	/** This position just past the record at {@code offset}. */
	StreamPosition after(String topic, int partition, long offset) {
		return with(topic, partition, offset + 1);
	}

	/** Every partition this position knows, with its next offset. */
	Map<Slot, Long> slots() {
		return Collections.unmodifiableMap(this.next);
	}

	String encode() {
		StringBuilder raw = new StringBuilder(VERSION);
		this.next.forEach((slot, offset) -> raw.append('|')
			.append(CODES.get(slot.topic()))
			.append(slot.partition())
			.append(':')
			.append(offset));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** Empty for anything that is not a position this version wrote, edited ones included. */
	static Optional<StreamPosition> decode(String id) {
		if (id.length() > MAX_SLOTS * 32) {
			return Optional.empty();
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(id.strip()), StandardCharsets.UTF_8);
			String[] parts = raw.split("\\|", -1);
			if (!VERSION.equals(parts[0]) || parts.length > MAX_SLOTS + 1) {
				return Optional.empty();
			}
			TreeMap<Slot, Long> next = new TreeMap<>();
			for (int i = 1; i < parts.length; i++) {
				Matcher slot = SLOT.matcher(parts[i]);
				if (!slot.matches()) {
					return Optional.empty();
				}
				String topic = slot.group(1).equals("e") ? Topics.EVENTS : Topics.CAMPAIGN_ACTIVITIES;
				if (next.put(new Slot(topic, Integer.parseInt(slot.group(2))), Long.parseLong(slot.group(3))) != null) {
					return Optional.empty();
				}
			}
			return Optional.of(new StreamPosition(next));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof StreamPosition position && this.next.equals(position.next);
	}

	@Override
	public int hashCode() {
		return this.next.hashCode();
	}

	@Override
	public String toString() {
		return "StreamPosition" + this.next;
	}

	/** One partition of one of the {@link #TOPICS}. */
	record Slot(String topic, int partition) implements Comparable<Slot> {

		@Override
		public int compareTo(Slot other) {
			int byTopic = Integer.compare(TOPICS.indexOf(this.topic), TOPICS.indexOf(other.topic));
			return (byTopic != 0) ? byTopic : Integer.compare(this.partition, other.partition);
		}

	}

}
