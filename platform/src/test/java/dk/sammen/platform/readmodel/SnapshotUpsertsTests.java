package dk.sammen.platform.readmodel;

import java.time.Instant;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.readmodel.SnapshotUpserts.Outcome;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the MongoDB-wire server over TCP with the real reactive driver, as the services use it. */
class SnapshotUpsertsTests {

	private static MongoWireServer server;

	private static MongoClient client;

	private static ReactiveMongoTemplate mongo;

	private static SnapshotUpserts upserts;

	@BeforeAll
	static void start() {
		server = MongoWireServer.inMemory().start();
		client = MongoClients.create(server.connectionString());
		mongo = new ReactiveMongoTemplate(client, "snapshot-upserts");
		upserts = new SnapshotUpserts(mongo);
	}

	@AfterAll
	static void stop() {
		client.close();
		server.stop();
	}

	@Test
	void apply_newerVersion_writesTheWholeDocumentAndClearsWhatItLeftOut() {
		assertThat(upserts.apply(item("i-1", 1, "ce-1", "Fællesspisning", "vaer-en-som-raekker-ud"), "i-1", 1, "ce-1")
			.block()).isEqualTo(Outcome.APPLIED);
		assertThat(upserts.apply(item("i-1", 2, "ce-2", "Fællesspisning med musik", null), "i-1", 2, "ce-2").block())
			.isEqualTo(Outcome.APPLIED);

		Item stored = mongo.findById("i-1", Item.class).block();
		assertThat(stored.title()).isEqualTo("Fællesspisning med musik");
		assertThat(stored.campaign()).as("cleared by the newer snapshot").isNull();
		assertThat(stored.tags()).containsExactly("kom-alene");
		assertThat(stored.version()).isEqualTo(2);
	}

	@Test
	void apply_sameCloudEventAgain_isADuplicateAndChangesNothing() {
		upserts.apply(item("i-2", 3, "ce-3", "Banko", null), "i-2", 3, "ce-3").block();

		assertThat(upserts.apply(item("i-2", 3, "ce-3", "Banko ændret", null), "i-2", 3, "ce-3").block())
			.isEqualTo(Outcome.DUPLICATE);
		assertThat(mongo.findById("i-2", Item.class).block().title()).isEqualTo("Banko");
	}

	@Test
	void apply_olderSnapshotAfterANewerOne_isStaleAndChangesNothing() {
		upserts.apply(item("i-3", 5, "ce-5", "Strikkecafé", null), "i-3", 5, "ce-5").block();

		assertThat(upserts.apply(item("i-3", 4, "ce-4", "Strikkecafé (gammel)", null), "i-3", 4, "ce-4").block())
			.isEqualTo(Outcome.STALE);
		assertThat(mongo.findById("i-3", Item.class).block().title()).isEqualTo("Strikkecafé");
	}

	private static Item item(String id, long version, String ceId, String title, @Nullable String campaign) {
		return new Item(id, version, title, campaign, List.of("kom-alene"), Instant.parse("2027-04-29T15:30:00Z"),
				ceId);
	}

	@Document("items")
	record Item(@Id String id, long version, String title, @Nullable String campaign, List<String> tags,
			Instant startsAt, String ceId) {
	}

}
