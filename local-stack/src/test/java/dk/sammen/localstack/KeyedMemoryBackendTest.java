package dk.sammen.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

class KeyedMemoryBackendTest {

	private final List<MongoServer> servers = new ArrayList<>();

	private final List<MongoClient> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach(MongoClient::close);
		this.servers.forEach(MongoServer::shutdownNow);
	}

	@Test
	void pinnedKeys_idWithVersion_isTheIdAlone() {
		Index<?> id = new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false);

		de.bwaldvogel.mongo.bson.Document pinned = KeyedMemoryBackend.pinnedKeys(id,
				new de.bwaldvogel.mongo.bson.Document("_id", "e-1").append("version", 3));

		assertThat(pinned).isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", "e-1"));
	}

	@Test
	void pinnedKeys_operatorNullOrMissingKey_isNone() {
		Index<?> compound = new MemoryUniqueIndex("org_ext",
				List.of(new IndexKey("organisationId", true), new IndexKey("externalId", true)), false);

		assertThat(KeyedMemoryBackend.pinnedKeys(compound, new de.bwaldvogel.mongo.bson.Document("organisationId", "o")
			.append("externalId", new de.bwaldvogel.mongo.bson.Document("$in", List.of("a", "b"))))).isNull();
		assertThat(KeyedMemoryBackend.pinnedKeys(compound,
				new de.bwaldvogel.mongo.bson.Document("organisationId", "o").append("externalId", null))).isNull();
		assertThat(KeyedMemoryBackend.pinnedKeys(compound,
				new de.bwaldvogel.mongo.bson.Document("organisationId", "o").append("status", "PUBLISHED"))).isNull();
	}

	/**
	 * The same documents, queries and compare-and-set updates on mongo-java-server's own memory
	 * backend and on ours, through the real driver: every answer and the final contents agree.
	 */
	@Test
	void queriesAndUpdates_answerAsTheScanningBackend() {
		MongoCollection<Document> plain = collection(new MemoryBackend());
		MongoCollection<Document> keyed = collection(new KeyedMemoryBackend());
		Random random = new Random(20261123L);
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			Document document = new Document("_id", "e-" + i).append("version", random.nextInt(3))
				.append("status", random.nextBoolean() ? "PUBLISHED" : "DRAFT")
				.append("organisationId", "o-" + (i % 7))
				.append("externalId", "x-" + i)
				.append("tags", List.of("t" + (i % 5), "t" + (i % 3)));
			if (i % 4 == 0) {
				document.append("outbox", List.of(new Document("id", "m-" + i)));
			}
			documents.add(document);
		}
		for (MongoCollection<Document> collection : List.of(plain, keyed)) {
			Mono.from(collection.createIndex(Indexes.ascending("organisationId", "externalId"),
					new IndexOptions().unique(true))).block();
			Mono.from(collection.insertMany(documents.stream().map(Document::new).toList())).block();
		}
		List<Bson> filters = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String id = "e-" + random.nextInt(320);
			// flat filters, as Spring Data sends them (the driver's Filters.and would send $and)
			filters.add(new Document("_id", id).append("version", random.nextInt(3)));
			filters.add(new Document("_id", id).append("status", "PUBLISHED").append("outbox.0", new Document("$exists", true)));
			filters.add(new Document("organisationId", "o-" + random.nextInt(8)).append("externalId", "x-" + random.nextInt(320))
				.append("status", "DRAFT"));
			filters.add(new Document("_id", id).append("tags", "t" + random.nextInt(5)));
			filters.add(new Document("_id", id).append("version", null));
			filters.add(new Document("_id", new Document("$in", List.of(id, "e-" + random.nextInt(300))))
				.append("version", new Document("$lt", 2)));
			filters.add(and(eq("_id", id), eq("version", random.nextInt(3))));
		}

		for (Bson filter : filters) {
			assertThat(find(keyed, filter)).as("find %s", filter).isEqualTo(find(plain, filter));
			assertThat(Mono.from(keyed.countDocuments(filter)).block()).as("count %s", filter)
				.isEqualTo(Mono.from(plain.countDocuments(filter)).block());
		}
		for (Bson filter : filters) {
			Bson bump = Updates.inc("version", 1);
			assertThat(Mono.from(keyed.updateOne(filter, bump)).block().getModifiedCount()).as("update %s", filter)
				.isEqualTo(Mono.from(plain.updateOne(filter, bump)).block().getModifiedCount());
			FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
			Bson claim = Updates.set("claimed", filter.toString().length());
			assertThat(Mono.from(keyed.findOneAndUpdate(filter, claim, after)).blockOptional())
				.as("findOneAndUpdate %s", filter)
				.isEqualTo(Mono.from(plain.findOneAndUpdate(filter, claim, after)).blockOptional());
		}
		assertThat(find(keyed, new Document())).isEqualTo(find(plain, new Document()))
			.anySatisfy((document) -> assertThat(document).containsKey("claimed"));
	}

	private MongoCollection<Document> collection(de.bwaldvogel.mongo.MongoBackend backend) {
		MongoServer server = new MongoServer(backend);
		this.servers.add(server);
		MongoClient client = MongoClients.create("mongodb:/" + server.bind());
		this.clients.add(client);
		return client.getDatabase("test").getCollection("events");
	}

	private static List<Document> find(MongoCollection<Document> collection, Bson filter) {
		return Flux.from(collection.find(filter).sort(Sorts.ascending("_id"))).collectList().block();
	}

}
