package dk.sammen.notification;

import io.cloudevents.CloudEvent;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.platform.identity.SignedIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the notification integration tests drive the service with: its HTTP API, signed
 * identities, the CloudEvent producer onto the topics it reads, its JSON mapper and its database.
 * Each test class brings its own {@code @SpringBootTest} settings, GreenMail and
 * {@link NotificationTestKit#infrastructure wiring}.
 */
public abstract class NotificationIntegrationTest {

	@Autowired
	protected WebTestClient http;

	@Autowired
	protected SignedIdentities identities;

	@Autowired
	@Qualifier("cloudEventKafkaTemplate")
	protected KafkaTemplate<String, CloudEvent> kafka;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected ReactiveMongoTemplate mongo;

}
