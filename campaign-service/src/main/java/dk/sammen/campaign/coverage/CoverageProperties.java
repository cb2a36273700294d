package dk.sammen.campaign.coverage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults and bounds of the coverage queries.
 *
 * @param defaultPeriod the period when {@code to} is not given, counted from {@code from} (or now)
 * @param maxPeriod the longest period one query may cover
 * @param defaultWithinKm the reach radius around a kommune's reference point when {@code withinKm} is not given
 * @param maxWithinKm the largest {@code withinKm} accepted
 * @param maxCacheAge how long a client or proxy may keep an answer ({@code Cache-Control: max-age})
 */
@ConfigurationProperties("sammen.campaign.coverage")
record CoverageProperties(@DefaultValue("90d") Duration defaultPeriod, @DefaultValue("732d") Duration maxPeriod,
		@DefaultValue("10") double defaultWithinKm, @DefaultValue("200") double maxWithinKm,
		@DefaultValue("60s") Duration maxCacheAge) {
}
