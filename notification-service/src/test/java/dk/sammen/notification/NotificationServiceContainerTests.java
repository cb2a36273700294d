package dk.sammen.notification;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import dk.sammen.platform.test.ServiceConformanceChecks;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The same checks against the images production runs (a real MongoDB replica set and Apache
 * Kafka). Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = ServiceConformanceChecks.TEST_PROPERTIES)
@AutoConfigureWebTestClient
class NotificationServiceContainerTests extends ServiceConformanceChecks {

	@Container
	@ServiceConnection
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

	@Container
	@ServiceConnection
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");

	@Override
	protected String applicationName() {
		return "notification-service";
	}

	@Override
	protected String identityCheckedPath() {
		return "/api/v1/subscriptions/me";
	}

}
