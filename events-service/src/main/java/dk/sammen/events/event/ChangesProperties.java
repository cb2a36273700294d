package dk.sammen.events.event;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The change feed ({@code GET /api/v1/events/changes}).
 *
 * @param settleLag how old a change must be before the feed serves it. Writers stamp a change before
 * it is stored, so changes can become visible out of stamp order; a reader that waits this long
 * cannot pass a change that is still on its way. A writer whose change took longer than half of
 * it to be stored stamps it again ({@link LateWrites}); the other half covers clock differences
 * between replicas.
 * @param tombstoneRetention how long a deleted draft's tombstone is kept; a cursor older than this
 * is answered 410 and its client must copy everything again
 * @param purgeInterval how often tombstones past their retention are removed
 */
@ConfigurationProperties("sammen.events.changes")
record ChangesProperties(@DefaultValue("2s") Duration settleLag, @DefaultValue("30d") Duration tombstoneRetention,
		@DefaultValue("1h") Duration purgeInterval) {

	ChangesProperties {
		if (settleLag.compareTo(Duration.ofMillis(10)) < 0) {
			throw new IllegalArgumentException("sammen.events.changes.settle-lag must be at least 10ms");
		}
		if (tombstoneRetention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("sammen.events.changes.tombstone-retention must be at least 1d");
		}
		if (purgeInterval.isNegative() || purgeInterval.isZero()) {
			throw new IllegalArgumentException("sammen.events.changes.purge-interval must be positive");
		}
	}

	/** A change acknowledged later than this after its stamp may have been passed by a reader. */
	Duration lateAfter() {
		return this.settleLag.dividedBy(2);
	}

}
