package dk.sammen.platform.readmodel;

import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Applies a snapshot to a read-model document in one single-document upsert, guarded by the
 * snapshot's version: the document is written whole unless the store already holds this version
 * or a newer one. A redelivered CloudEvent (same {@code ce_id}) and a snapshot overtaken by a
 * newer one change nothing, so a consumer is idempotent and order-safe without a separate store
 * of processed ids, on MongoDB and on the MongoDB-wire test server alike (no transactions).
 * <p>
 * The document type must have a {@code version} (long) and a {@code ceId} (the CloudEvent that
 * last wrote it). Every other property is written, {@code null}s included, so a property added to
 * the document can never be forgotten here and one a newer snapshot cleared is cleared.
 */
public final class SnapshotUpserts {

	/** What applying a snapshot did, the {@code outcome} tag of {@code sammen.consumer.processed}. */
	public enum Outcome {

		APPLIED, DUPLICATE, STALE;

		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final ReactiveMongoTemplate mongo;

	public SnapshotUpserts(ReactiveMongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Writes {@code document} unless its id is stored at {@code version} or newer.
	 * @param ceId the CloudEvent being applied, which the document also carries as {@code ceId}
	 */
	public <T> Mono<Outcome> apply(T document, Object id, long version, String ceId) {
		@SuppressWarnings("unchecked")
		Class<T> type = (Class<T>) document.getClass();
		Query olderOrAbsent = Query.query(Criteria.where("_id").is(id).and("version").lt(version));
		return this.mongo.upsert(olderOrAbsent, wholeDocument(document), type)
			.thenReturn(Outcome.APPLIED)
			// the document is there at this version or a newer one: the upsert's insert collides on _id
			.onErrorResume(DuplicateKeyException.class, (ex) -> this.mongo.findById(id, type)
				.map((current) -> ceId.equals(ceIdOf(current)) ? Outcome.DUPLICATE : Outcome.STALE)
				.defaultIfEmpty(Outcome.STALE));
	}

	private Update wholeDocument(Object document) {
		MongoPersistentEntity<?> entity = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(document.getClass());
		PersistentPropertyAccessor<Object> accessor = entity.getPropertyAccessor(document);
		Update update = new Update();
		entity.doWithProperties((MongoPersistentProperty property) -> {
			if (!property.isIdProperty()) {
				update.set(property.getFieldName(), accessor.getProperty(property));
			}
		});
		return update;
	}

	private String ceIdOf(Object document) {
		MongoPersistentEntity<?> entity = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(document.getClass());
		return String.valueOf(
				entity.getPropertyAccessor(document).getProperty(entity.getRequiredPersistentProperty("ceId")));
	}

}
