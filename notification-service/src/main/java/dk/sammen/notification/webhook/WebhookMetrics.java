package dk.sammen.notification.webhook;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code sammen.notification.webhooks.attempts{outcome}} (delivered, retrying, given-up, abandoned,
 * lease-lost), {@code sammen.notification.webhooks.attempt.duration{outcome}},
 * {@code sammen.notification.webhooks.disabled} (endpoints turned off for failing),
 * {@code sammen.notification.webhooks.notices{outcome}}, and the gauges
 * {@code sammen.notification.webhooks.endpoints{status}} and {@code sammen.notification.webhooks.pending}.
 */
final class WebhookMetrics {

	private final MeterRegistry meters;

	private final AtomicLong active = new AtomicLong();

	private final AtomicLong disabled = new AtomicLong();

	private final AtomicLong pending = new AtomicLong();

	WebhookMetrics(MeterRegistry meters) {
		this.meters = meters;
		Gauge.builder("sammen.notification.webhooks.endpoints", this.active, AtomicLong::get)
			.description("Webhook endpoints by status").tag("status", WebhookEndpoint.ACTIVE).register(meters);
		Gauge.builder("sammen.notification.webhooks.endpoints", this.disabled, AtomicLong::get)
			.description("Webhook endpoints by status").tag("status", WebhookEndpoint.DISABLED).register(meters);
		Gauge.builder("sammen.notification.webhooks.pending", this.pending, AtomicLong::get)
			.description("Webhook deliveries waiting for an attempt").register(meters);
	}

	void attempt(String outcome, Duration duration) {
		this.meters.counter("sammen.notification.webhooks.attempts", "outcome", outcome).increment();
		Timer.builder("sammen.notification.webhooks.attempt.duration")
			.description("Time of one webhook attempt, connecting included")
			.tag("outcome", outcome)
			.register(this.meters)
			.record(duration);
	}

	void outcome(String outcome) {
		this.meters.counter("sammen.notification.webhooks.attempts", "outcome", outcome).increment();
	}

	void disabled() {
		this.meters.counter("sammen.notification.webhooks.disabled").increment();
	}

	void notice(String outcome) {
		this.meters.counter("sammen.notification.webhooks.notices", "outcome", outcome).increment();
	}

	void sample(long activeEndpoints, long disabledEndpoints, long pendingDeliveries) {
		this.active.set(activeEndpoints);
		this.disabled.set(disabledEndpoints);
		this.pending.set(pendingDeliveries);
	}

}
