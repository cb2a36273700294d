package dk.sammen.gateway.ratelimit;

import dk.sammen.gateway.WriteRequests;
import org.springframework.http.HttpMethod;

/** Which budget a request takes from. */
enum RequestKind {

	READ("read", "reads"), WRITE("write", "writes");

	private final String tag;

	private final String limitId;

	RequestKind(String tag, String limitId) {
		this.tag = tag;
		this.limitId = limitId;
	}

	static RequestKind of(HttpMethod method) {
		return WriteRequests.isWrite(method) ? WRITE : READ;
	}

	/** The value of the {@code kind} tag of the metrics. */
	String tag() {
		return this.tag;
	}

	/**
	 * The id the limiter keeps this budget's configuration under; Spring Cloud Gateway calls it
	 * the route id, and the Redis limiter makes it part of its keys.
	 */
	String limitId() {
		return this.limitId;
	}

}
