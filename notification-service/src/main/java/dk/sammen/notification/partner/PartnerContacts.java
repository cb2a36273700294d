package dk.sammen.notification.partner;

import reactor.core.publisher.Mono;

import dk.sammen.platform.readmodel.SnapshotUpserts;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The partner contacts read model: one document per organisation, each snapshot applied as a
 * version-guarded upsert, so a redelivery or an overtaken snapshot changes nothing.
 */
@Component
public class PartnerContacts {

	private final ReactiveMongoTemplate mongo;

	private final SnapshotUpserts upserts;

	PartnerContacts(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
		this.upserts = new SnapshotUpserts(mongo);
	}

	/** The organisation's contact, or empty while this service has not heard of it. */
	public Mono<PartnerContact> find(String organisationId) {
		return this.mongo.findById(organisationId, PartnerContact.class);
	}

	Mono<SnapshotUpserts.Outcome> apply(PartnerContact contact) {
		return this.upserts.apply(contact, contact.id(), contact.version(), contact.ceId());
	}

}
