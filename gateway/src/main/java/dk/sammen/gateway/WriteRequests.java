package dk.sammen.gateway;

import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * Which requests are writes, in one place so that the rate limits and the feed's validators never
 * disagree about it. Only the methods the services map to a change: any other (TRACE, or one this
 * gateway has never heard of) is answered 405 by the service and changes nothing.
 */
public final class WriteRequests {

	private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	private WriteRequests() {
	}

	public static boolean isWrite(HttpMethod method) {
		return WRITES.contains(method);
	}

}
