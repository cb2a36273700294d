package dk.sammen.localstack;

import java.util.List;
import java.util.Optional;

/** A port the local stack listens on, and what for. */
record RequiredPort(int port, String purpose) {

	static final List<RequiredPort> ALL = List.of(new RequiredPort(8080, "the gateway"),
			new RequiredPort(8081, "events-service"), new RequiredPort(8082, "campaign-service"),
			new RequiredPort(8083, "notification-service"), new RequiredPort(9092, "the Kafka broker"),
			new RequiredPort(27017, "the MongoDB-wire server"), new RequiredPort(3025, "SMTP of the dev mailbox"),
			new RequiredPort(3143, "IMAP of the dev mailbox"));

	/** The first of the ports that something already listens on. */
	static Optional<RequiredPort> firstBusy(List<RequiredPort> ports) {
		return ports.stream().filter((required) -> !FreePorts.isFree(required.port())).findFirst();
	}

	String busyMessage() {
		return "Port " + this.port + " is already in use, but " + this.purpose
				+ " needs it; stop whatever listens there (see: ss -ltnp 'sport = :" + this.port + "') and try again.";
	}

}
