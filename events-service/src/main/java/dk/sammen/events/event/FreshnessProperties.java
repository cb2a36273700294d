package dk.sammen.events.event;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Freshness of published offers (issue 11): no dead listings.
 *
 * @param reconfirmAfter how long a confirmation holds, unless the organisation has its own interval
 * @param grace how long a stale offer is still shown, marked stale, before it leaves public listings
 * @param remindBefore how long before it turns stale the organisation is asked to re-confirm
 * @param sweepInterval how often reminders due are looked for
 */
@ConfigurationProperties("sammen.events.freshness")
record FreshnessProperties(@DefaultValue("P90D") Duration reconfirmAfter, @DefaultValue("P14D") Duration grace,
		@DefaultValue("P14D") Duration remindBefore, @DefaultValue("PT1M") Duration sweepInterval) {
}
