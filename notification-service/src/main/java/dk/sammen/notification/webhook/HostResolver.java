package dk.sammen.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into every address it resolves to. Blocking (DNS); called off the event loop.
 * Tests give a table instead, so no test ever asks a real DNS server.
 */
@FunctionalInterface
interface HostResolver {

	List<InetAddress> resolve(String host) throws UnknownHostException;

	/** The system resolver (the JVM caches answers for 30 s). */
	static HostResolver system() {
		return (host) -> List.of(InetAddress.getAllByName(host));
	}

}
