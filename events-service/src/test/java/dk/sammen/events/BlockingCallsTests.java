package dk.sammen.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dk.sammen.platform.test.SammenBlockHound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * BlockHound watches the event-loop threads while the whole service works: a blocking call on
 * one fails the request, and so this test.
 */
class BlockingCallsTests extends EventsIntegrationTest {

	@BeforeAll
	static void installBlockHound() {
		SammenBlockHound.install();
	}

	@Test
	void blockHound_blockingCallOnParallelScheduler_isDetected() {
		assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
			.doOnNext((tick) -> sleep())
			.subscribeOn(Schedulers.parallel())
			.block()).hasMessageContaining("Blocking call");
	}

	@Test
	void blockHound_parkOnParallelScheduler_isDetected() {
		assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
			.doOnNext((tick) -> java.util.concurrent.locks.LockSupport.parkNanos(5_000_000))
			.subscribeOn(Schedulers.parallel())
			.block()).hasMessageContaining("Blocking call");
	}

	@Test
	void lifecycleListingAndBatch_runWithoutBlockingTheEventLoop() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		publish(partner, id);
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).header("If-Match", "\"2\"")
			.bodyValue(meal()).exchange().expectStatus().isOk();
		this.http.get().uri("/api/v1/events?kommune=0661&near=56.36,8.62&radiusKm=5&q=faellesspisning").exchange()
			.expectStatus().isOk();
		this.http.post().uri("/api/v1/events/batch").header(IDENTITY, partner.header())
			.bodyValue(Map.of("events", List.of(meal(), meal()))).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.succeeded").isEqualTo(2);
		this.http.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", "Aflyst")).exchange().expectStatus().isOk();
		this.http.put().uri("/api/v1/events/by-external-id/{externalId}?publish=true", "blockhound")
			.header(IDENTITY, partner.header()).bodyValue(meal()).exchange().expectStatus().isCreated();
		String draft = createEvent(partner, meal()).get("id").asString();
		this.http.delete().uri("/api/v1/events/{id}", draft).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isNoContent();
		this.http.get().uri("/api/v1/events/changes?limit=2").header(IDENTITY, partner.header()).exchange()
			.expectStatus().isOk();
		assertThat(this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody()).contains("UP");
	}

	private static void sleep() {
		try {
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
