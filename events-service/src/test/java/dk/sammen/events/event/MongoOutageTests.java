package dk.sammen.events.event;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dk.sammen.events.EventsApi;
import dk.sammen.events.EventsIntegrationTest.Partner;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dk.sammen.events.EventsIntegrationTest.IDENTITY;
import static dk.sammen.events.EventsIntegrationTest.meal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data store really stopped under a running service: writes are refused with a 503 problem
 * (not a 500, not a hang), readiness goes down so the load balancer stops sending, nothing is
 * half-written, and once the same server is back on the same port the service recovers by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MongoOutageTests {

	// its own server, kept in a file, so stopping it disturbs no other test and a restart keeps the data
	private static final MongoWireServer mongoServer = startedMongo();

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	SignedIdentities identities;

	@LocalServerPort
	int port;

	private EventsApi api;

	private WebTestClient http;

	@BeforeEach
	void client() {
		// well above the driver's server-selection timeout: an answer that never comes fails the test
		this.http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20)).build();
		this.api = new EventsApi(this.http, this.identities);
	}

	@DynamicPropertySource
	static void ownMongo(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		registry.add("spring.mongodb.uri", () -> mongoServer.connectionString() + "/sammen-events-mongo-outage");
	}

	@AfterAll
	static void stopMongo() {
		mongoServer.stop();
	}

	@Test
	void writeWhileMongoIsDown_answers503AndRecoversAfterRestart() {
		Partner partner = this.api.newPartner();
		this.api.createEvent(partner, meal());
		long eventsBefore = storedEvents();
		assertThat(readiness()).isEqualTo(HttpStatus.OK);

		mongoServer.stop();
		for (int i = 0; i < 3; i++) {
			this.http.post().uri("/api/v1/events").header(IDENTITY, partner.header()).bodyValue(meal())
				.exchange()
				.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader().exists(HttpHeaders.RETRY_AFTER)
				.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/unavailable");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == HttpStatus.SERVICE_UNAVAILABLE);

		mongoServer.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == HttpStatus.OK);
		assertThat(storedEvents()).as("nothing of the refused writes stored").isEqualTo(eventsBefore);
		this.api.createEvent(partner, meal());
		assertThat(storedEvents()).isEqualTo(eventsBefore + 1);
	}

	private HttpStatus readiness() {
		return HttpStatus.valueOf(this.http.get().uri("/actuator/health/readiness").exchange()
			.returnResult(String.class).getStatus().value());
	}

	private long storedEvents() {
		return this.mongo.count(new Query(), Document.class, "events").block();
	}

	private static MongoWireServer startedMongo() {
		try {
			return MongoWireServer.persistent(Files.createTempDirectory("sammen-mongo-outage-").resolve("mongo.mv.db"))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
