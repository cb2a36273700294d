package dk.sammen.platform.health;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The {@code mongo} health component, part of the readiness group. Boot's own indicator sends
 * {@code hello}, which the local stack's MongoDB-wire server does not implement; {@code ping} is
 * answered by it and by MongoDB alike. Registered as {@code mongoHealthIndicator}, so Boot's own
 * indicator backs off.
 */

public class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

	private final ReactiveMongoTemplate mongo;

	public MongoPingHealthIndicator(ReactiveMongoTemplate mongo) {
		super("MongoDB ping failed");
		this.mongo = mongo;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return this.mongo.getMongoDatabase()
			.flatMap((database) -> Mono.from(database.runCommand(new Document("ping", 1)))
				.map((reply) -> builder.up().withDetail("database", database.getName()).build()));
	}

}
