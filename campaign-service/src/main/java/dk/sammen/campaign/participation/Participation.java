package dk.sammen.campaign.participation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One partner event as the read model knows it: the snapshot of its highest version seen so far.
 *
 * @param eventId the event's id, also the record key on the events topic
 * @param version the snapshot's version; an older or equal one never overwrites a newer
 * @param dssWeek the Danmark Spiser Sammen week (e.g. {@code 2027-W17}) of a meal of that programme
 * @param ceId the {@code ce_id} of the CloudEvent that set this state
 */
@Document("participation")
@CompoundIndex(name = "campaign_status", def = "{'campaign': 1, 'status': 1}")
@CompoundIndex(name = "dss_week", def = "{'programme': 1, 'status': 1, 'dssWeek': 1}")
record Participation(@Id String eventId, long version, String status, String programme, @Nullable String campaign,
		String organisationId, @Nullable String kommuneCode, @Nullable String regionCode, Instant startsAt,
		Instant endsAt, @Nullable String dssWeek, String ceId, Instant appliedAt) {
}
