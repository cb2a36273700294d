package dk.sammen.campaign.coverage;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One partner event as coverage knows it: the snapshot of its highest version seen so far, reduced
 * to what is counted. No title, description or contact: nothing here is personal.
 *
 * @param eventId the event's id, also the record key on the events topic
 * @param version the snapshot's version; an older or equal one never overwrites a newer
 * @param kommuneCode where it takes place; null for an event that is online only
 * @param lat the venue's latitude, when the partner gave one
 * @param online whether it can (also) be joined online
 * @param free whether its price is 0 DKK (an unknown price is not free)
 * @param ceId the {@code ce_id} of the CloudEvent that set this state
 */
@Document("coverage-offers")
@CompoundIndex(name = "status_ends", def = "{'status': 1, 'endsAt': 1, 'startsAt': 1}")
@CompoundIndex(name = "campaign_status_starts", def = "{'campaign': 1, 'status': 1, 'startsAt': 1}")
record Offer(@Id String eventId, long version, String status, String programme, @Nullable String campaign,
		String organisationId, @Nullable String kommuneCode, @Nullable String regionCode, @Nullable Double lat,
		@Nullable Double lon, boolean online, List<String> arenas, List<String> interventionTypes,
		List<String> targetGroups, boolean free, Instant startsAt, Instant endsAt, String ceId, Instant appliedAt) {

	Offer {
		arenas = (arenas != null) ? List.copyOf(arenas) : List.of();
		interventionTypes = (interventionTypes != null) ? List.copyOf(interventionTypes) : List.of();
		targetGroups = (targetGroups != null) ? List.copyOf(targetGroups) : List.of();
	}

}
