package dk.sammen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finding and checking local TCP ports. */
public final class FreePorts {

	private FreePorts() {
	}

	/** A port that is free on 127.0.0.1 right now, chosen by the operating system. */
	public static int pick() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free local port", ex);
		}
	}

	/**
	 * Whether nothing listens on the port, on any address. Binds the wildcard address, which
	 * conflicts with a listener on 127.0.0.1 as well as with one on all interfaces.
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// a port only held by connections in TIME_WAIT is usable, as it is for the servers
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
