package dk.sammen.contracts.organisation;

import java.time.Instant;

/**
 * What other services may know about a partner organisation after a change (event-carried state
 * transfer): enough to address it, nothing about its API keys.
 *
 * @param id the organisation id, also the record key
 * @param name the display name
 * @param kind {@code kommune}, {@code region}, {@code forening}, {@code fond}, {@code styrelse},
 * {@code virksomhed} or {@code andet}
 * @param contactEmail where the platform writes to the organisation (e.g. a webhook was disabled)
 * @param version the organisation's version; a consumer keeps the highest it has seen
 * @param updatedAt when the organisation last changed
 */
public record OrganisationSnapshotV1(String id, String name, String kind, String contactEmail, long version,
		Instant updatedAt) {
}
