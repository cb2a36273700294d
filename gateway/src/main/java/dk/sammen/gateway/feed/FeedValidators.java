package dk.sammen.gateway.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The ETag of the last complete answer per request URI and format, so that a conditional GET
 * which still matches costs a look-up here instead of both sources, the merge and the writing.
 * <p>
 * An entry is only used while nothing this gateway can see has changed since it was built: no
 * write went through it to a service ({@link FeedWritesFilter}) and no record arrived on the
 * feed's topics (a write through another replica, or a change a service made by itself). The
 * generation is read <em>before</em> the sources are asked, so an answer built while a write was
 * under way is never taken for newer than it is. What no signal shows (the feed's time window
 * moving on, a change still waiting in a service's outbox) is bounded by the time to live.
 * Least recently used entries go first once the bound is reached.
 */
final class FeedValidators implements AutoCloseable {

	private final AtomicLong generation = new AtomicLong();

	private final Map<Key, Validator> entries;

	private final Clock clock;

	private final long ttlMillis;

	private final Disposable changes;

	/**
	 * @param changes every change on the feed's topics, as this gateway reads them
	 * @param ttl how long an entry may be used at most; zero turns the validators off
	 * @param maxEntries how many request URIs and formats are remembered at most
	 */
	FeedValidators(Flux<?> changes, Clock clock, Duration ttl, int maxEntries) {
		this.clock = clock;
		this.ttlMillis = ttl.toMillis();
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Validator> eldest) {
				return size() > maxEntries;
			}

		};
		this.changes = changes.subscribe((change) -> changed());
	}

	/** To be read before the sources are asked, and handed to {@link #remember} with their answer. */
	long generation() {
		return this.generation.get();
	}

	/** Something the feed shows may have changed: no entry built before is used again. */
	void changed() {
		this.generation.incrementAndGet();
	}

	/** The validator of the last complete answer to this request, if it is still current. */
	@Nullable Validator current(String format, URI uri) {
		Validator known;
		synchronized (this.entries) {
			known = this.entries.get(new Key(format, uri));
		}
		if (known == null || known.generation() != this.generation.get()
				|| this.clock.millis() >= known.expiresAt()) {
			return null;
		}
		return known;
	}

	/** Remembers a complete answer, built from sources asked at {@code generation}. */
	void remember(String format, URI uri, long generation, String etag, String sources,
			@Nullable String nextCursor) {
		if (this.ttlMillis <= 0 || generation != this.generation.get()) {
			return;
		}
		Validator validator = new Validator(etag, sources, nextCursor, generation,
				this.clock.millis() + this.ttlMillis);
		synchronized (this.entries) {
			this.entries.put(new Key(format, uri), validator);
		}
	}

	@Override
	public void close() {
		this.changes.dispose();
	}

	/** The URI in full: the writers put it into the body (self links), so it is part of the ETag. */
	private record Key(String format, URI uri) {
	}

	/**
	 * What a 304 needs to repeat of the answer it stands for.
	 *
	 * @param sources the {@link FeedHandler#SOURCES_HEADER} value
	 */
	record Validator(String etag, String sources, @Nullable String nextCursor, long generation, long expiresAt) {
	}

}
