package dk.sammen.localstack;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * mongo-java-server's in-memory backend, answering a filter that pins every key of a unique
 * index (such as {@code {_id: x, version: 3}}) from that index instead of scanning the
 * collection.
 * <p>
 * mongo-java-server uses an index only when the filter has exactly the index's keys, so every
 * compare-and-set update ({@code _id} plus the expected version or status) scanned the whole
 * collection, while MongoDB's planner answers it from the {@code _id} index. The filter still
 * decides which of the index's candidates match; only candidates that cannot match are skipped,
 * so the answers are the library's own.
 */
final class KeyedMemoryBackend extends MemoryBackend {

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new KeyedDatabase(databaseName, getCursorRegistry());
	}

	private static final class KeyedDatabase extends MemoryDatabase {

		KeyedDatabase(String databaseName, CursorRegistry cursorRegistry) {
			super(databaseName, cursorRegistry);
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
			return new KeyedCollection(this, collectionName, options, this.cursorRegistry);
		}

	}

	private static final class KeyedCollection extends MemoryCollection {

		KeyedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
				CursorRegistry cursorRegistry) {
			super(database, collectionName, options, cursorRegistry);
		}

		/** Reached only when no index has exactly the filter's keys, where the library would scan. */
		@Override
		protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
				int batchSize, Document fieldSelector) {
			for (Index<Integer> index : getIndexes()) {
				Document pinned = pinnedKeys(index, query);
				if (pinned != null && index.canHandle(pinned)) {
					return matchDocuments(query, index.getPositions(pinned), orderBy, numberToSkip, numberToReturn,
							batchSize, fieldSelector);
				}
			}
			return super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
		}

	}

	/**
	 * The filter's conditions on the index's keys, if each is an equality with a plain value.
	 * Operators, {@code null} (which also matches a missing field), arrays and embedded
	 * documents are left to the scan, whose matching rules for them are wider than a key lookup.
	 */
	static @Nullable Document pinnedKeys(Index<?> index, Document query) {
		if (!index.isUnique()) {
			return null;
		}
		List<String> keys = index.getKeys().stream().map(IndexKey::getKey).toList();
		Document pinned = new Document();
		for (String key : keys) {
			Object value = query.get(key);
			if (!isPlainValue(value)) {
				return null;
			}
			pinned.put(key, value);
		}
		return pinned;
	}

	private static boolean isPlainValue(@Nullable Object value) {
		return value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof ObjectId || value instanceof UUID
				|| value instanceof Instant || value instanceof Date;
	}

}
