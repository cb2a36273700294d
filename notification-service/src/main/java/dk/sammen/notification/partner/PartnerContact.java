package dk.sammen.notification.partner;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Who to write to at a partner organisation.
 *
 * @param id the organisation id
 * @param name the organisation's display name
 * @param kind {@code kommune}, {@code forening} …
 * @param contactEmail the organisation's contact address
 * @param version the organisation's version this was taken from
 * @param ceId the CloudEvent that last changed it, to tell a redelivery from a stale snapshot
 * @param updatedAt when the organisation last changed
 */
@Document(PartnerContact.COLLECTION)
public record PartnerContact(@Id String id, String name, String kind, String contactEmail, long version, String ceId,
		Instant updatedAt) {

	static final String COLLECTION = "partner-contacts";

}
