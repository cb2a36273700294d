package dk.sammen.notification.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dk.sammen.notification.mail.Language;
import dk.sammen.notification.mail.Letter;
import dk.sammen.notification.mail.Mailer;
import dk.sammen.notification.mail.Recipient;
import dk.sammen.notification.mail.SendOutcome;
import dk.sammen.notification.partner.PartnerContacts;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Tells a partner, at its organisation's contact address, that one of its endpoints was turned
 * off. Each notice is claimed by one replica for a while ({@code noticeLeaseUntil}); a mail that
 * could not go out yet (no contact known so far, the SMTP relay away) is tried again on the next
 * sweep. A crash between sending and recording may send it twice: both copies carry the same
 * Message-ID. The sweep also samples the endpoint and backlog gauges.
 */
final class WebhookNotices {

	private static final Log logger = LogFactory.getLog(WebhookNotices.class);

	/** Longer than a mail with its retries takes. */
	private static final Duration NOTICE_LEASE = Duration.ofMinutes(5);

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	private final PartnerContacts contacts;

	private final Mailer mailer;

	private final WebhookMetrics metrics;

	private final Language language;

	private final String messageIdDomain;

	private final Clock clock;

	WebhookNotices(WebhookEndpoints endpoints, WebhookDeliveries deliveries, PartnerContacts contacts, Mailer mailer,
			WebhookMetrics metrics, WebhookProperties properties, String messageIdDomain, Clock clock) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.contacts = contacts;
		this.mailer = mailer;
		this.metrics = metrics;
		this.language = Language.fromCode(properties.noticeLanguage());
		this.messageIdDomain = messageIdDomain;
		this.clock = clock;
	}

	/** Sends what is owed now rather than at the next sweep. */
	void wakeUp() {
		sendOwed().subscribe(null, (ex) -> logger.warn("Sending webhook notices failed; the next sweep tries again", ex));
	}

	@Scheduled(fixedDelayString = "${sammen.notification.webhooks.notice-interval:30s}")
	void sweep() {
		sendOwed().then(sample())
			.subscribe(null, (ex) -> logger.warn("Webhook sweep failed; trying again later", ex));
	}

	Mono<Long> sendOwed() {
		return this.endpoints.claimUnnoticed(this.clock.instant(), NOTICE_LEASE)
			.concatMap((endpoint) -> notify(endpoint).thenReturn(1L))
			.count();
	}

	private Mono<Void> notify(WebhookEndpoint endpoint) {
		return this.contacts.find(endpoint.organisationId()).flatMap((contact) -> {
			Instant disabledAt = (endpoint.disabledAt() != null) ? endpoint.disabledAt() : this.clock.instant();
			Letter letter = new Letter.WebhookDisabled(endpoint.url(), endpoint.id(), endpoint.consecutiveFailures(),
					(endpoint.failingSince() != null) ? endpoint.failingSince() : disabledAt,
					(endpoint.lastError() != null) ? endpoint.lastError() : "unknown", disabledAt);
			String messageId = "webhook-disabled." + endpoint.id() + "." + disabledAt.toEpochMilli() + "@"
					+ this.messageIdDomain;
			// SMTP blocks: never on the event loop
			return Mono.fromCallable(() -> this.mailer.send(messageId,
					new Recipient(contact.contactEmail(), this.language, null, null), letter))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((outcome) -> switch (outcome) {
					case SendOutcome.Sent sent -> {
						this.metrics.notice("sent");
						yield this.endpoints.noticeSent(endpoint, this.clock.instant());
					}
					case SendOutcome.PermanentFailure failure -> {
						// a contact address that can never receive: say so once, do not try forever
						logger.error("Notice that webhook " + endpoint.id() + " was turned off could not be sent to "
								+ "organisation " + endpoint.organisationId() + ": " + failure.reason());
						this.metrics.notice("permanent-failure");
						yield this.endpoints.noticeSent(endpoint, this.clock.instant());
					}
					case SendOutcome.TemporaryFailure failure -> {
						this.metrics.notice("temporary-failure");
						yield Mono.<Void>empty();
					}
				});
		}).switchIfEmpty(Mono.fromRunnable(() -> {
			logger.warn("No contact address known yet for organisation " + endpoint.organisationId()
					+ "; the notice for webhook " + endpoint.id() + " waits");
			this.metrics.notice("no-contact");
		}));
	}

	private Mono<Void> sample() {
		return Mono.zip(this.endpoints.count(WebhookEndpoint.ACTIVE), this.endpoints.count(WebhookEndpoint.DISABLED),
				this.deliveries.countPending())
			.doOnNext((counts) -> this.metrics.sample(counts.getT1(), counts.getT2(), counts.getT3()))
			.then();
	}

}
