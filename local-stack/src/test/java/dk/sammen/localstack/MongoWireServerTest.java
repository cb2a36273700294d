package dk.sammen.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MongoWireServerTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	private final List<MongoWireServer> servers = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopServers() {
		this.servers.forEach(MongoWireServer::stop);
	}

	@Test
	void inMemory_storesAndFindsADocument() {
		MongoWireServer server = started(MongoWireServer.inMemory());

		assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + server.port());
		try (MongoClient client = MongoClients.create(server.connectionString())) {
			insert(collection(client), new Document("_id", "a").append("title", "Fællesspisning"));

			assertThat(titles(collection(client))).containsExactly("Fællesspisning");
		}
	}

	@Test
	void persistent_restartOnTheSameFile_keepsTheData() {
		Path file = this.directory.resolve("data/mongo.mv.db");
		MongoWireServer server = started(MongoWireServer.persistent(file));
		int port = server.port();
		try (MongoClient client = MongoClients.create(server.connectionString())) {
			insert(collection(client), new Document("_id", "a").append("title", "Gå-tur for alle"));
		}

		server.stop();
		server.start();

		assertThat(server.port()).isEqualTo(port);
		assertThat(file).isRegularFile();
		try (MongoClient client = MongoClients.create(server.connectionString())) {
			assertThat(titles(collection(client))).containsExactly("Gå-tur for alle");
		}
	}

	@Test
	void persistent_newServerOnTheSameFile_seesTheData() {
		Path file = this.directory.resolve("mongo.mv.db");
		MongoWireServer first = started(MongoWireServer.persistent(file));
		try (MongoClient client = MongoClients.create(first.connectionString())) {
			insert(collection(client), new Document("_id", "a").append("title", "Fællesskabsguide café"));
		}
		first.stop();

		MongoWireServer second = started(MongoWireServer.persistent(file));

		try (MongoClient client = MongoClients.create(second.connectionString())) {
			assertThat(titles(collection(client))).containsExactly("Fællesskabsguide café");
		}
	}

	@Test
	void watch_seesInsertsThroughTheOplog() {
		MongoWireServer server = started(MongoWireServer.inMemory());
		try (MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> events = collection(client);
			insert(events, new Document("_id", "created-first"));
			List<String> seen = new CopyOnWriteArrayList<>();
			Disposable watching = Flux.from(events.watch())
				.map(ChangeStreamDocument::getDocumentKey)
				.subscribe((key) -> seen.add(key.getString("_id").getValue()));
			try {
				await().atMost(TIMEOUT).untilAsserted(() -> {
					insert(events, new Document("_id", "probe-" + System.nanoTime()));
					assertThat(seen).isNotEmpty();
				});
			}
			finally {
				watching.dispose();
			}
		}
	}

	@Test
	void shared_isOneRunningServerPerJvm() {
		assertThat(MongoWireServer.shared()).isSameAs(MongoWireServer.shared());
		assertThat(MongoWireServer.shared().isRunning()).isTrue();
	}

	private MongoWireServer started(MongoWireServer server) {
		this.servers.add(server);
		return server.start();
	}

	private static MongoCollection<Document> collection(MongoClient client) {
		return client.getDatabase("sammen-test").getCollection("events");
	}

	private static void insert(MongoCollection<Document> collection, Document document) {
		Mono.from(collection.insertOne(document)).block(TIMEOUT);
	}

	private static List<String> titles(MongoCollection<Document> collection) {
		return Flux.from(collection.find()).map((document) -> document.getString("title")).collectList().block(TIMEOUT);
	}

}
