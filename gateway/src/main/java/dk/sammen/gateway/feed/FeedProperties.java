package dk.sammen.gateway.feed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the feed treats its sources and caches.
 *
 * @param sourceTimeout how long one source may take before the feed answers without it
 * @param maxAge how long clients and shared caches may reuse a complete answer
 * @param circuitBreaker when a failing source is left alone for a while
 * @param heartbeat how often the SSE stream sends a comment while nothing changes
 * @param streamBuffer live changes held for one SSE client that is not reading; one more and the
 * client falls behind and catches up from Kafka instead, so a slow client costs no memory
 * beyond this and loses nothing
 * @param streamRetry the reconnection delay the stream asks clients for ({@code retry:})
 * @param resumeWindow how far back a {@code Last-Event-ID} is honoured: older changes are not
 * replayed, the client gets a {@code reset} event and resumes at the window's beginning
 * @param streamPartitionRefresh how often the stream looks for topics and partitions that are new
 * since it started
 * @param streamMaxClients SSE streams this gateway holds at once; one more is refused with 503
 * and {@code Retry-After} (another replica may have room)
 * @param streamMaxClientsPerAddress SSE streams one client address may hold at once; one more is
 * refused with 429 (a browser tab holds one; many people behind one kommune's NAT share an address)
 * @param validators the ETags kept to answer conditional GETs without asking the sources
 */
@ConfigurationProperties("sammen.gateway.feed")
record FeedProperties(@DefaultValue("2s") Duration sourceTimeout, @DefaultValue("60s") Duration maxAge,
		@DefaultValue CircuitBreaker circuitBreaker, @DefaultValue("15s") Duration heartbeat,
		@DefaultValue("256") int streamBuffer, @DefaultValue("5s") Duration streamRetry,
		@DefaultValue("24h") Duration resumeWindow, @DefaultValue("1m") Duration streamPartitionRefresh,
		@DefaultValue("10000") int streamMaxClients, @DefaultValue("50") int streamMaxClientsPerAddress,
		@DefaultValue Validators validators) {

	FeedProperties {
		if (streamMaxClients < 1 || streamMaxClientsPerAddress < 1) {
			throw new IllegalArgumentException(
					"sammen.gateway.feed.stream-max-clients and stream-max-clients-per-address must be at least 1");
		}
	}

	/**
	 * Per-source circuit breaker (Resilience4j, count-based window).
	 *
	 * @param slidingWindowSize calls the failure rate is computed over
	 * @param minimumNumberOfCalls calls needed before the breaker may open
	 * @param failureRateThreshold percentage of failed or slow calls that opens the breaker
	 * @param waitInOpenState how long an open breaker answers "unavailable" without calling
	 * @param permittedCallsInHalfOpenState trial calls that decide whether it closes again
	 */
	record CircuitBreaker(@DefaultValue("10") int slidingWindowSize, @DefaultValue("5") int minimumNumberOfCalls,
			@DefaultValue("50") float failureRateThreshold, @DefaultValue("30s") Duration waitInOpenState,
			@DefaultValue("2") int permittedCallsInHalfOpenState) {
	}

	/**
	 * The feed's ETags kept per request URI and format ({@code FeedValidators}).
	 *
	 * @param ttl how long one is used at most: the delay after which a change nothing signals
	 * (the time window moving on, a change still in a service's outbox) shows in a 200; zero
	 * turns them off
	 * @param maxEntries how many request URIs and formats are kept, least recently used first out
	 */
	record Validators(@DefaultValue("5s") Duration ttl, @DefaultValue("10000") int maxEntries) {
	}

}
