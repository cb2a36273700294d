package dk.sammen.gateway.feed;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Bounds the SSE connections one gateway holds, in total and per client address. A stream is
 * long-lived, so the read rate limit alone would let one address pile up hundreds of them over a
 * few minutes; every connection costs a socket, a buffer and a subscriber on the live reader.
 * Refusals are problems with {@code Retry-After}: 429 for the address that holds too many, 503
 * when the gateway as a whole is full (another replica may have room).
 */
final class StreamAdmission {

	private final int maxClients;

	private final int maxClientsPerAddress;

	private final Duration retryAfter;

	private final AtomicInteger clients = new AtomicInteger();

	// an address's entry leaves with its last stream, so the map never outgrows the connections
	private final ConcurrentMap<String, Integer> perAddress = new ConcurrentHashMap<>();

	StreamAdmission(int maxClients, int maxClientsPerAddress, Duration retryAfter) {
		this.maxClients = maxClients;
		this.maxClientsPerAddress = maxClientsPerAddress;
		this.retryAfter = retryAfter;
	}

	/** Admits one more stream for the address, or throws the problem that refuses it. */
	Permit admit(String address) {
		boolean[] full = { false };
		this.perAddress.compute(address, (key, held) -> {
			int count = (held != null) ? held : 0;
			if (count >= this.maxClientsPerAddress) {
				full[0] = true;
				return held;
			}
			return count + 1;
		});
		if (full[0]) {
			throw refused(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many streams from this address",
					"At most " + this.maxClientsPerAddress + " feed streams may be open from one address at a time; "
							+ "close one or retry in " + this.retryAfter.toSeconds() + " s");
		}
		if (this.clients.incrementAndGet() > this.maxClients) {
			this.clients.decrementAndGet();
			leave(address);
			throw refused(HttpStatus.SERVICE_UNAVAILABLE, "stream-capacity", "No room for another stream",
					"This gateway holds its maximum of " + this.maxClients + " feed streams; retry in "
							+ this.retryAfter.toSeconds() + " s");
		}
		return new Permit(address);
	}

	int clients() {
		return this.clients.get();
	}

	private void leave(String address) {
		this.perAddress.computeIfPresent(address, (key, held) -> (held > 1) ? held - 1 : null);
	}

	private ApiProblem refused(HttpStatus status, String type, String title, String detail) {
		ApiProblem problem = new ApiProblem(status, type, title, detail);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, this.retryAfter.toSeconds())));
		return problem;
	}

	/** One admitted stream; released once, however often its end is signalled. */
	final class Permit {

		private final String address;

		private final AtomicBoolean released = new AtomicBoolean();

		private Permit(String address) {
			this.address = address;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				StreamAdmission.this.clients.decrementAndGet();
				leave(this.address);
			}
		}

	}

}
