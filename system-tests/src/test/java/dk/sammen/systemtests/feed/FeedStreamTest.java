package dk.sammen.systemtests.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.EventStreamClient;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Town;
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.daysAhead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /api/v1/feed/stream}: a partner publishes through events-service, the CloudEvent goes
 * over the real broker, and the gateway pushes it to subscribers whose filters it matches.
 */
@SystemTest
class FeedStreamTest {

	private static final Town SUBSCRIBED = Town.LYNGBY;

	private static final Town ELSEWHERE = Town.HOEJE_TAASTRUP;

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	private final Gateway gateway;

	private Partner partner = new Partner("", "", "");

	FeedStreamTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@BeforeAll
	void createPartner() {
		this.partner = this.gateway.newPartner("Lyngby Naboskab");
	}

	@Test
	void stream_filteredByKommune_deliversChangesThereAndNothingElse() {
		try (EventStreamClient lyngby = EventStreamClient.open(this.gateway, "kommune=" + SUBSCRIBED.kommuneCode());
				EventStreamClient elsewhere = EventStreamClient.open(this.gateway, "kommune=" + ELSEWHERE.kommuneCode())) {
			assertThat(lyngby.response().headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			// the stream sends this comment once it listens: nothing published afterwards is missed
			await().atMost(DELIVERY).until(() -> lyngby.comments().contains("open") && elsewhere.comments().contains("open"));
			awaitTheGatewayReadingTheTopic(elsewhere);

			String other = this.gateway.publishEvent(this.partner, EventBody.in(ELSEWHERE, daysAhead(18, 18, 0)));
			String meal = this.gateway.publishEvent(this.partner,
					EventBody.in(SUBSCRIBED, daysAhead(19, 18, 0)).title("Fredagsbar i Lyngby"));

			await().atMost(DELIVERY).untilAsserted(() -> assertThat(lyngby.itemIds()).as(lyngby.toString()).contains(meal));
			// the other stream got its event from the same topic reader, so this one has passed it by
			await().atMost(DELIVERY).untilAsserted(() -> assertThat(elsewhere.itemIds()).as(elsewhere.toString()).contains(other));
			assertThat(lyngby.itemIds()).as("nothing of elsewhere").containsExactly(meal);
			EventStreamClient.ServerSentEvent published = lyngby.events().get(0);
			assertThat(published.type()).isEqualTo("published");
			assertThat(published.id()).isNotBlank();
			assertThat(published.json().path("title").asText()).isEqualTo("Fredagsbar i Lyngby");
			assertThat(published.json().path("kommune").path("code").asText()).isEqualTo(SUBSCRIBED.kommuneCode());

			this.gateway.cancelEvent(this.partner, meal, "Aflyst på grund af sygdom");

			await().atMost(DELIVERY).untilAsserted(() -> assertThat(lyngby.events()).as(lyngby.toString()).hasSize(2));
			EventStreamClient.ServerSentEvent cancelled = lyngby.events().get(1);
			assertThat(cancelled.type()).isEqualTo("cancelled");
			assertThat(cancelled.json().path("id").asText()).isEqualTo(meal);
			assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
			assertThat(cancelled.id()).isNotEqualTo(published.id());
		}
	}

	/**
	 * The gateway reads the topic from its end as soon as its reader has partitions, which may be
	 * a moment after the gateway reports ready; a change published before then is not streamed to
	 * anyone. Probe events in the other kommune, until one comes through, tell when it is live.
	 */
	private void awaitTheGatewayReadingTheTopic(EventStreamClient elsewhere) {
		List<String> probes = new ArrayList<>();
		await().atMost(DELIVERY).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (elsewhere.itemIds().stream().anyMatch(probes::contains)) {
				return true;
			}
			probes.add(this.gateway.publishEvent(this.partner,
					EventBody.in(ELSEWHERE, daysAhead(17, 18, 0)).title("Prøve " + probes.size())));
			return false;
		});
	}

}
