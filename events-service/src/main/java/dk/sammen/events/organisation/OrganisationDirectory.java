package dk.sammen.events.organisation;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/** What other features may know about an organisation. */
@Component
public class OrganisationDirectory {

	private final ReactiveMongoTemplate mongo;

	OrganisationDirectory(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The organisation's display name, or empty if there is no such organisation. */
	public Mono<String> nameOf(String organisationId) {
		return this.mongo.findById(organisationId, Organisation.class).map(Organisation::name);
	}

	/**
	 * How long the organisation's confirmation of an offer holds, or empty for the platform's
	 * default (or no such organisation).
	 */
	public Mono<Duration> reconfirmInterval(String organisationId) {
		return this.mongo.findById(organisationId, Organisation.class)
			.mapNotNull(Organisation::reconfirmAfterDays)
			.map(Duration::ofDays);
	}

}
