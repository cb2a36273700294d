package dk.sammen.localstack;

/**
 * Entry point of the broker's child JVM: {@code kafka.Kafka} plus a watchdog, so that a broker
 * never outlives the JVM that started it (a test JVM killed by Surefire, a crashed local stack).
 */
final class KafkaServerMain {

	private KafkaServerMain() {
	}

	public static void main(String[] args) {
		ProcessHandle.current().parent().ifPresent((parent) -> parent.onExit().thenRun(() -> {
			System.err.println("Parent process " + parent.pid() + " is gone; shutting the broker down");
			// runs Kafka's own shutdown hook, so this is a clean shutdown
			System.exit(0);
		}));
		kafka.Kafka.main(args);
	}

}
