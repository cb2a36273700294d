package dk.sammen.platform.outbox;

import java.util.List;

import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.data.mapping.PropertyHandler;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes an aggregate's state together with the CloudEvents its change causes, in one atomic
 * single-document operation. State is guarded by a {@code version} field (optimistic locking).
 * Updates set the state fields and push to the outbox but never rewrite it, so they commute with
 * the relay removing what it has sent.
 */
public class AggregateStore {

	private static final String VERSION = "version";

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	public AggregateStore(ReactiveMongoTemplate mongo, OutboxRelay relay) {
		this.mongo = mongo;
		this.relay = relay;
	}

	/** Inserts a new aggregate with its messages; a duplicate id fails with {@code DuplicateKeyException}. */
	public <T> Mono<T> insert(T aggregate, List<OutboxMessage> messages) {
		String collection = this.mongo.getCollectionName(aggregate.getClass());
		Document document = toDocument(aggregate);
		document.put(OutboxMessage.FIELD, messages.stream().map(this::toDocument).toList());
		return this.mongo.insert(document, collection).doOnSuccess((inserted) -> wakeUpIfAny(messages)).thenReturn(aggregate);
	}

	/**
	 * Replaces the state of the aggregate with {@code newState} if it is still at
	 * {@code expectedVersion}; {@code newState} must carry {@code expectedVersion + 1}. Emits
	 * {@code false} when someone else changed it first.
	 */
	public Mono<Boolean> update(Object id, long expectedVersion, Object newState, List<OutboxMessage> messages) {
		String collection = this.mongo.getCollectionName(newState.getClass());
		Document state = toDocument(newState);
		state.remove("_id");
		state.remove(OutboxMessage.FIELD);
		state.remove(OutboxMessage.LEASE_FIELD);
		state.remove(OutboxMessage.LEASE_OWNER_FIELD);
		Update update = new Update();
		state.forEach(update::set);
		// a property that became null is left out of the document: remove it, or the old value stays
		this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(newState.getClass())
			.doWithProperties((PropertyHandler<MongoPersistentProperty>) (property) -> {
				if (!property.isIdProperty() && !state.containsKey(property.getFieldName())) {
					update.unset(property.getFieldName());
				}
			});
		if (!messages.isEmpty()) {
			update.push(OutboxMessage.FIELD).each(messages.stream().map(this::toDocument).toArray());
		}
		Query current = Query.query(Criteria.where("_id").is(id).and(VERSION).is(expectedVersion));
		return this.mongo.updateFirst(current, update, collection).map((result) -> {
			boolean updated = result.getMatchedCount() == 1;
			if (updated) {
				wakeUpIfAny(messages);
			}
			return updated;
		});
	}

	private void wakeUpIfAny(List<OutboxMessage> messages) {
		if (!messages.isEmpty()) {
			this.relay.wakeUp();
		}
	}

	private Document toDocument(Object value) {
		Document document = new Document();
		this.mongo.getConverter().write(value, document);
		document.remove("_class");
		return document;
	}

}
