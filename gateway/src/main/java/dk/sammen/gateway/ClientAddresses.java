package dk.sammen.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address of the client that sent a request, as the rate limits and the feed stream's
 * connection bounds count it. {@code X-Forwarded-For} is read only when proxies are trusted,
 * and then only the entry the outermost trusted proxy appended: the entries left of it are
 * whatever the client chose to send. An IPv6 client is keyed by its /64,
 * since one subscriber usually holds a whole /64 and could otherwise take a new address per
 * request.
 * <p>
 * Spring Cloud Gateway's {@code XForwardedRemoteAddressResolver} picks the same entry but resolves
 * it as a host name, which for a forged entry is a blocking DNS lookup on the event loop; only IP
 * literals are taken here.
 */
public final class ClientAddresses {

	public static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private static final String UNKNOWN = "unknown";

	private final int trustedProxies;

	public ClientAddresses(int trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	/** The client's address, an IPv6 client's /64, or {@code unknown}. */
	public String of(ServerHttpRequest request) {
		InetAddress address = forwardedFor(request);
		if (address == null) {
			InetSocketAddress remote = request.getRemoteAddress();
			address = (remote != null) ? remote.getAddress() : null;
		}
		return (address != null) ? key(address) : UNKNOWN;
	}

	private @Nullable InetAddress forwardedFor(ServerHttpRequest request) {
		if (this.trustedProxies == 0) {
			return null;
		}
		List<String> entries = new ArrayList<>();
		for (String header : request.getHeaders().getOrEmpty(X_FORWARDED_FOR)) {
			for (String entry : header.split(",")) {
				if (!entry.isBlank()) {
					entries.add(entry.strip());
				}
			}
		}
		if (entries.isEmpty()) {
			return null;
		}
		// fewer entries than trusted proxies: the request skipped some, and the first entry is still theirs
		String entry = entries.get(Math.max(0, entries.size() - this.trustedProxies));
		if (entry.startsWith("[") && entry.endsWith("]")) {
			entry = entry.substring(1, entry.length() - 1);
		}
		return NetUtil.createInetAddressFromIpAddressString(entry);
	}

	private static String key(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return address.getHostAddress();
		}
		Arrays.fill(bytes, 8, 16, (byte) 0);
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			// only thrown for an address of the wrong length, which sixteen bytes never are
			throw new IllegalStateException(ex);
		}
	}

}
