package dk.sammen.events;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import dk.sammen.contracts.Topics;
import dk.sammen.localstack.TopicReader;
import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dk.sammen.events.EventsIntegrationTest.meal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same path on the images production runs: a MongoDB replica set and Apache Kafka. Skipped
 * where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsServiceContainerTests {

	@Container
	@ServiceConnection
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

	@Container
	@ServiceConnection
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");

	@Autowired
	SignedIdentities identities;

	@LocalServerPort
	int port;

	private EventsApi api;

	@BeforeEach
	void client() {
		this.api = new EventsApi(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30)).build(), this.identities);
	}

	@Test
	void publish_onRealMongoAndKafka_emitsTheCloudEvent() {
		EventsIntegrationTest.Partner partner = this.api.newPartner();
		String id = this.api.createEvent(partner, meal()).get("id").asString();
		this.api.publish(partner, id);
		assertThat(new TopicReader(kafka.getBootstrapServers()).await(Topics.EVENTS, (r) -> id.equals(r.key()), 1))
			.singleElement()
			.satisfies((r) -> assertThat(TopicReader.header(r, "ce_type")).isEqualTo("dk.sammen.event.published.v1"));
	}

}
