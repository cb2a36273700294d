package dk.sammen.events.event;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.events.organisation.OrganisationDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** When an offer confirmed now turns stale, leaves the listings, and its organisation is reminded. */
@Component
class FreshnessPolicy {

	private final FreshnessProperties properties;

	private final Function<String, Mono<Duration>> ownInterval;

	@Autowired
	FreshnessPolicy(FreshnessProperties properties, OrganisationDirectory organisations) {
		this(properties, organisations::reconfirmInterval);
	}

	/** @param ownInterval an organisation's own interval, empty for the platform's */
	FreshnessPolicy(FreshnessProperties properties, Function<String, Mono<Duration>> ownInterval) {
		this.properties = properties;
		this.ownInterval = ownInterval;
	}

	/**
	 * The freshness of an offer confirmed at {@code now}. An offer that is over before it would
	 * turn stale needs no reminder.
	 */
	Mono<Freshness> confirmedAt(String organisationId, EventDetails details, Instant now) {
		return interval(organisationId).map((interval) -> {
			Instant staleAt = now.plus(interval);
			Instant remindAt = staleAt.minus(this.properties.remindBefore());
			Instant lastEnd = lastEnd(details);
			boolean needless = lastEnd != null && !lastEnd.isAfter(staleAt);
			return new Freshness(now, staleAt, staleAt.plus(this.properties.grace()),
					remindAt.isBefore(now) ? now : remindAt, needless);
		});
	}

	Duration grace() {
		return this.properties.grace();
	}

	/** The organisation's own interval if platform staff set one, else the platform's. */
	private Mono<Duration> interval(String organisationId) {
		return this.ownInterval.apply(organisationId).defaultIfEmpty(this.properties.reconfirmAfter());
	}

	/** When the offer's last occurrence ends, or null for a series without end. */
	private static @Nullable Instant lastEnd(EventDetails details) {
		EventDetails.Schedule schedule = details.schedule();
		if (schedule == null) {
			return details.endsAt();
		}
		return schedule.seriesEndsAt();
	}

}
