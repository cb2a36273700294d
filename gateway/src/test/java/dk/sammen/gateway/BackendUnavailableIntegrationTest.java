package dk.sammen.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dk.sammen.localstack.KafkaBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that is down is a 503 problem naming it, never a bare 500. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BackendUnavailableIntegrationTest {

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		String nobodyListens = "http://127.0.0.1:" + closedPort();
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		registry.add("sammen.gateway.services.events-uri", () -> nobodyListens);
		registry.add("sammen.gateway.services.campaign-uri", () -> nobodyListens);
		registry.add("sammen.gateway.services.notification-uri", () -> nobodyListens);
	}

	@ParameterizedTest
	@CsvSource({ "/api/v1/events, events-service", "/api/v1/campaigns, campaign-service",
			"/api/v1/subscriptions, notification-service" })
	void answers503Problem_whenServiceIsDown(String path, String service) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/unavailable")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).startsWith(service));
	}

	/** A port that was free a moment ago: connecting to it is refused. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
