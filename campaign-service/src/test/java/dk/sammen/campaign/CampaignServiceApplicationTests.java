package dk.sammen.campaign;

import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.test.SammenBlockHound;
import dk.sammen.platform.test.ServiceConformanceChecks;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on the real infrastructure of the local stack: the MongoDB-wire server and an
 * Apache Kafka broker process, as {@code bin/local-stack} runs them. No Docker needed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = ServiceConformanceChecks.TEST_PROPERTIES)
@AutoConfigureWebTestClient
class CampaignServiceApplicationTests extends ServiceConformanceChecks {

	static {
		SammenBlockHound.install();
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri",
				() -> MongoWireServer.shared().connectionString() + "/sammen-campaign-test");
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
	}

	@Override
	protected String applicationName() {
		return "campaign-service";
	}

	@Override
	protected String identityCheckedPath() {
		return "/api/v1/campaigns";
	}

}
