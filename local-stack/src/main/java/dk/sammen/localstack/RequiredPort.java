package dk.sammen.localstack;

import java.util.List;
import java.util.Optional;

/** A port the local stack listens on, and what for. */
record RequiredPort(int port, String purpose) {

	static final List<RequiredPort> ALL = of(StackPorts.DEFAULTS);

	static List<RequiredPort> of(StackPorts ports) {
		return List.of(new RequiredPort(ports.gateway(), "the gateway"),
				new RequiredPort(ports.events(), "events-service"),
				new RequiredPort(ports.campaign(), "campaign-service"),
				new RequiredPort(ports.notification(), "notification-service"),
				new RequiredPort(ports.kafka(), "the Kafka broker"),
				new RequiredPort(ports.mongo(), "the MongoDB-wire server"),
				new RequiredPort(ports.smtp(), "SMTP of the dev mailbox"),
				new RequiredPort(ports.imap(), "IMAP of the dev mailbox"));
	}

	/** The first of the ports that something already listens on. */
	static Optional<RequiredPort> firstBusy(List<RequiredPort> ports) {
		return ports.stream().filter((required) -> !FreePorts.isFree(required.port())).findFirst();
	}

	String busyMessage() {
		return "Port " + this.port + " is already in use, but " + this.purpose
				+ " needs it; stop whatever listens there (see: ss -ltnp 'sport = :" + this.port + "') and try again.";
	}

}
