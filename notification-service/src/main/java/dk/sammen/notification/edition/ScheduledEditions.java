package dk.sammen.notification.edition;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the scheduled editions when they are due; every replica checks, the edition id makes it
 * once. Off with {@code sammen.notification.editions.scheduled=false} (the tests, which trigger
 * editions themselves).
 */
@Component
@ConditionalOnBooleanProperty(name = "sammen.notification.editions.scheduled", matchIfMissing = true)
class ScheduledEditions {

	private static final Log logger = LogFactory.getLog(ScheduledEditions.class);

	private final Editions editions;

	private final NewsletterSchedule schedule;

	ScheduledEditions(Editions editions, EditionProperties properties) {
		this.editions = editions;
		this.schedule = new NewsletterSchedule(properties);
	}

	@Scheduled(fixedDelayString = "${sammen.notification.editions.schedule-interval:1m}", initialDelay = 0)
	void createDueInBackground() {
		createDue().subscribe(null, (ex) -> logger.warn("Could not create the scheduled editions; trying again", ex));
	}

	Mono<Void> createDue() {
		return Flux.fromIterable(this.schedule.dueAt(this.editions.now()))
			.concatMap((due) -> this.editions.create(due.id(), due.kind(), due.spec(), "schedule"))
			.then();
	}

}
