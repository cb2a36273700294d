package dk.sammen.platform.consumer;

/**
 * Names of dead-letter topics: spring-kafka's {@code -dlt} suffix, one per topic and consumer
 * group, so each service can inspect and replay its own failures without touching another's.
 */
public final class DeadLetterTopics {

	private DeadLetterTopics() {
	}

	/** E.g. {@code sammen.events.v1.campaign-service-dlt}. */
	public static String of(String topic, String groupId) {
		return topic + "." + groupId + "-dlt";
	}

}
