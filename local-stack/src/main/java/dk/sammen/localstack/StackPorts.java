package dk.sammen.localstack;

import java.util.HashSet;
import java.util.Set;

/**
 * The TCP ports a {@link LocalStack} listens on, all on 127.0.0.1.
 *
 * @param gateway the public entry point
 * @param events events-service
 * @param campaign campaign-service
 * @param notification notification-service
 * @param kafka the Kafka broker's client port
 * @param mongo the MongoDB-wire server
 * @param smtp SMTP of the dev mailbox
 * @param imap IMAP of the dev mailbox
 */
public record StackPorts(int gateway, int events, int campaign, int notification, int kafka, int mongo, int smtp,
		int imap) {

	/** The ports of CONTRACT section 1, which {@code bin/local-stack} uses. */
	public static final StackPorts DEFAULTS = new StackPorts(8080, 8081, 8082, 8083, 9092, 27017, 3025, 3143);

	public StackPorts {
		for (int port : new int[] { gateway, events, campaign, notification, kafka, mongo, smtp, imap }) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("Not a port: " + port);
			}
		}
	}

	/**
	 * Eight distinct ports that are free right now, so that a stack started at once (as the
	 * system tests do) collides neither with a running {@code bin/local-stack} nor with anyone
	 * else on the machine.
	 */
	public static StackPorts free() {
		Set<Integer> picked = new HashSet<>();
		int[] ports = new int[8];
		for (int i = 0; i < ports.length; i++) {
			int port = FreePorts.pick();
			// the operating system may hand out a port again once its socket is closed
			while (!picked.add(port)) {
				port = FreePorts.pick();
			}
			ports[i] = port;
		}
		return new StackPorts(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7]);
	}

}
