package dk.sammen.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of what a service's listeners did with the records they got: {@code sammen.consumer.processed}
 * (by outcome, e.g. {@code applied}, {@code duplicate}, {@code ignored}), {@code sammen.consumer.failed}
 * (each failed delivery attempt) and {@code sammen.consumer.dead-lettered}. Consumer lag comes from the
 * Kafka client's own metrics ({@code kafka.consumer.fetch.manager.records.lag.max}).
 */
public class ConsumerMetrics {

	private final MeterRegistry meters;

	public ConsumerMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	public void processed(String topic, String type, String outcome) {
		this.meters.counter("sammen.consumer.processed", "topic", topic, "type", type, "outcome", outcome).increment();
	}

	void failed(String topic, Throwable failure) {
		this.meters.counter("sammen.consumer.failed", "topic", topic, "exception", rootCause(failure).getSimpleName())
			.increment();
	}

	void deadLettered(String topic) {
		this.meters.counter("sammen.consumer.dead-lettered", "topic", topic).increment();
	}

	private static Class<?> rootCause(Throwable failure) {
		Throwable current = failure;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current.getClass();
	}

}
