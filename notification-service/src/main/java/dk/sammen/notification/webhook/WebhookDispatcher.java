package dk.sammen.notification.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Sends due deliveries, on every replica: a timer and wake-ups from the listener start a pass that
 * claims due deliveries one at a time (each with a lease) and sends up to {@code concurrency} at
 * once. Nothing here runs on a Kafka listener thread, so a slow or dead receiver never holds a
 * partition. After each attempt the delivery is finished or given its next time, and the endpoint's
 * failure run is counted; a run long enough in attempts and in time turns the endpoint off.
 */
final class WebhookDispatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WebhookDispatcher.class);

	static final String DELIVERY_HEADER = "X-Sammen-Delivery";

	static final String ATTEMPT_HEADER = "X-Sammen-Delivery-Attempt";

	private final WebhookDeliveries deliveries;

	private final WebhookEndpoints endpoints;

	private final AddressRules rules;

	private final WebhookSender sender;

	private final SecretBox secrets;

	private final RetrySchedule schedule;

	private final WebhookNotices notices;

	private final WebhookMetrics metrics;

	private final WebhookProperties properties;

	private final Clock clock;

	/** This replica, as the owner of its leases. */
	private final String owner = "replica-" + UUID.randomUUID();

	private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();

	private volatile @Nullable Disposable loop;

	WebhookDispatcher(WebhookDeliveries deliveries, WebhookEndpoints endpoints, AddressRules rules, WebhookSender sender,
			SecretBox secrets, RetrySchedule schedule, WebhookNotices notices, WebhookMetrics metrics,
			WebhookProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.rules = rules;
		this.sender = sender;
		this.secrets = secrets;
		this.schedule = schedule;
		this.notices = notices;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	/** Asks for a pass soon; the listener calls it after queueing. */
	void wakeUp() {
		this.wakeUps.tryEmitNext(Boolean.TRUE);
	}

	/** One pass: claims and sends until nothing is due; emits how many attempts it made. */
	Mono<Long> drain() {
		Mono<WebhookDeliveries.Claim> next = Mono
			.defer(() -> this.deliveries.claimNext(this.owner, this.clock.instant(), this.properties.lease()));
		return this.deliveries.indexes()
			.thenMany(next.expand((claimed) -> next))
			.flatMap(this::attempt, this.properties.concurrency())
			.count();
	}

	private Mono<Void> attempt(WebhookDeliveries.Claim claim) {
		Instant started = this.clock.instant();
		return this.endpoints.find(claim.delivery().endpointId())
			.flatMap((endpoint) -> endpoint.isActive() ? send(claim, endpoint, started)
					: abandon(claim, "endpoint-disabled"))
			.switchIfEmpty(Mono.defer(() -> abandon(claim, "endpoint-deleted")))
			.onErrorResume((ex) -> {
				// the lease runs out and another pass sends the attempt again
				logger.warn("Webhook delivery " + claim.delivery().id() + " attempt " + claim.attempt()
						+ " broke off; it is retried after its lease", ex);
				return Mono.empty();
			});
	}

	private Mono<Void> send(WebhookDeliveries.Claim claim, WebhookEndpoint endpoint, Instant started) {
		// DNS is blocking, and is asked again before every attempt: an answer may have changed since registration
		return Mono.fromCallable(() -> this.rules.vet(endpoint.url()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((target) -> post(claim, endpoint, target))
			.onErrorResume(UnsafeUrlException.class, (ex) -> Mono.just(
					new WebhookSender.Response(null, "refused-address", null, Duration.between(started, this.clock.instant()))))
			.flatMap((response) -> settle(claim, endpoint, response, started));
	}

	private Mono<WebhookSender.Response> post(WebhookDeliveries.Claim claim, WebhookEndpoint endpoint,
			AddressRules.Target target) {
		WebhookDelivery delivery = claim.delivery();
		Map<String, String> headers = new LinkedHashMap<>();
		byte[][] body = new byte[1][];
		HttpMessageFactory.createWriter(headers::put, (bytes) -> body[0] = bytes).writeBinary(cloudEvent(delivery));
		Instant now = this.clock.instant();
		headers.put(WebhookSignatures.HEADER, WebhookSignatures.header(now.getEpochSecond(),
				new String(body[0], StandardCharsets.UTF_8), signingSecrets(endpoint, now)));
		headers.put(DELIVERY_HEADER, delivery.id());
		headers.put(ATTEMPT_HEADER, Integer.toString(claim.attempt()));
		headers.put("User-Agent", "Sammen-Webhooks/1");
		return this.sender.post(target, headers, body[0]);
	}

	/** Binary mode: the attributes as {@code ce-*} headers, the data as the body, as on Kafka. */
	private static CloudEvent cloudEvent(WebhookDelivery delivery) {
		CloudEventBuilder event = CloudEventBuilder.v1()
			.withId(delivery.eventId())
			.withType(delivery.eventType())
			.withSource(URI.create(delivery.eventSource()))
			.withDataContentType("application/json")
			.withData(delivery.data().getBytes(StandardCharsets.UTF_8));
		if (delivery.eventTime() != null) {
			event.withTime(delivery.eventTime().atOffset(ZoneOffset.UTC));
		}
		if (delivery.subject() != null) {
			event.withSubject(delivery.subject());
		}
		return event.build();
	}

	private List<String> signingSecrets(WebhookEndpoint endpoint, Instant now) {
		List<String> secrets = new ArrayList<>(2);
		secrets.add(this.secrets.open(endpoint.sealedSecret(), endpoint.id()));
		if (endpoint.sealedPreviousSecret() != null && endpoint.previousSecretUntil() != null
				&& now.isBefore(endpoint.previousSecretUntil())) {
			secrets.add(this.secrets.open(endpoint.sealedPreviousSecret(), endpoint.id()));
		}
		return secrets;
	}

	private Mono<Void> settle(WebhookDeliveries.Claim claim, WebhookEndpoint endpoint, WebhookSender.Response response,
			Instant started) {
		Instant now = this.clock.instant();
		WebhookDeliveries.Attempt attempt = new WebhookDeliveries.Attempt(claim.attempt(), started,
				response.duration().toMillis(), response.status(), response.succeeded() ? null
						: (response.status() != null) ? ((response.status() >= 300 && response.status() < 400) ? "redirect" : null)
								: response.error(),
				response.errorClass());
		if (response.succeeded()) {
			return this.deliveries.finish(claim, WebhookDelivery.DELIVERED, attempt, null, now)
				.flatMap((mine) -> counted(mine, "delivered", response))
				.then(this.endpoints.recordSuccess(endpoint.id(), now));
		}
		boolean last = claim.attempt() >= this.properties.maxAttempts();
		Mono<Boolean> recorded = last
				? this.deliveries.finish(claim, WebhookDelivery.FAILED, attempt, "attempts-exhausted", now)
				: this.deliveries.retryAt(claim, attempt, now.plus(this.schedule.after(claim.attempt())));
		return recorded.flatMap((mine) -> counted(mine, last ? "given-up" : "retrying", response))
			.then(this.endpoints.recordFailure(endpoint.id(), response.describe(), now))
			.filter(this::failingTooLong)
			.flatMap((failing) -> this.endpoints.disable(failing, now))
			.flatMap((disabled) -> {
				logger.warn("Webhook " + disabled.id() + " of organisation " + disabled.organisationId()
						+ " turned off after " + disabled.consecutiveFailures() + " failed attempts since "
						+ disabled.failingSince());
				this.metrics.disabled();
				return this.deliveries.abandonPending(disabled.id(), "endpoint-disabled", now)
					.doOnSuccess((ignored) -> this.notices.wakeUp());
			})
			.then();
	}

	private Mono<Void> counted(boolean mine, String outcome, WebhookSender.Response response) {
		if (mine) {
			this.metrics.attempt(outcome, response.duration());
		}
		else {
			// another replica took the delivery over: its attempt counts, this one's result is dropped
			this.metrics.outcome("lease-lost");
		}
		return Mono.empty();
	}

	private boolean failingTooLong(WebhookEndpoint endpoint) {
		return endpoint.isActive() && endpoint.consecutiveFailures() >= this.properties.disableAfterFailures()
				&& endpoint.failingSince() != null
				&& !endpoint.failingSince().plus(this.properties.disableAfter()).isAfter(this.clock.instant());
	}

	private Mono<Void> abandon(WebhookDeliveries.Claim claim, String reason) {
		return this.deliveries.finish(claim, WebhookDelivery.ABANDONED, null, reason, this.clock.instant())
			.doOnNext((mine) -> this.metrics.outcome("abandoned"))
			.then();
	}

	@Override
	public void start() {
		Flux<Boolean> ticks = Flux.merge(Flux.interval(Duration.ZERO, this.properties.pollInterval()).map((tick) -> true),
				this.wakeUps.asFlux());
		this.loop = ticks.onBackpressureDrop()
			.concatMap((tick) -> drain().onErrorResume((ex) -> {
				logger.warn("Webhook delivery pass failed, will retry: " + ex.getMessage());
				return Mono.delay(this.properties.pollInterval()).thenReturn(0L);
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.loop;
		if (running != null) {
			running.dispose();
		}
		this.loop = null;
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

	@Override
	public int getPhase() {
		// stop before the Mongo client goes away; attempts in flight are re-sent by whoever takes their lease
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
