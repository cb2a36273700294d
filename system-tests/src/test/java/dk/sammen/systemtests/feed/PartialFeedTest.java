package dk.sammen.systemtests.feed;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.sammen.systemtests.api.ActivityBody;
import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.Feed;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Query;
import dk.sammen.systemtests.api.Town;
import dk.sammen.systemtests.stack.SystemStack;
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.daysAhead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One source down: campaign-service is stopped for real, and the feed answers with what
 * events-service has, says so, and is whole again once the service is back.
 */
@SystemTest
class PartialFeedTest {

	private static final Town TOWN = Town.SILKEBORG;

	private static final Query QUERY = Query.kommuner(TOWN);

	private final Gateway gateway;

	private final SystemStack stack;

	private String event = "";

	private String activity = "";

	PartialFeedTest(Gateway gateway, SystemStack stack) {
		this.gateway = gateway;
		this.stack = stack;
	}

	@BeforeAll
	void publishAnEventAndAnActivity() {
		Partner partner = this.gateway.newPartner("Silkeborg Højskoleforening");
		this.event = this.gateway.publishEvent(partner, EventBody.in(TOWN, daysAhead(33, 14, 0)).title("Sangeftermiddag"));
		this.activity = this.gateway.publishActivity("vaer-en-som-raekker-ud",
				ActivityBody.in(TOWN, daysAhead(34, 9, 0)).kind("workplace-activity"));
	}

	@Test
	void feed_whileCampaignServiceIsStopped_isPartialWithTheEvents_andWholeAgainOnceItIsBack() {
		Feed whole = this.gateway.feed(QUERY);
		assertThat(whole.ids()).containsExactly(this.event, this.activity);
		assertThat(whole.partial()).isFalse();

		this.stack.stopService(SystemStack.CAMPAIGN_SERVICE);
		try {
			Feed partial = this.gateway.feed(QUERY);

			assertThat(partial.partial()).isTrue();
			assertThat(partial.sources()).containsExactlyInAnyOrderEntriesOf(
					Map.of("events", "ok", "campaigns", "unavailable"));
			assertThat(partial.ids()).containsExactly(this.event);
			assertThat(partial.response().header("Cache-Control")).as("a partial answer must not be cached")
				.hasValueSatisfying((value) -> assertThat(value).contains("no-cache"));
			assertThat(this.gateway.get("/api/v1/feed.ics?" + QUERY).expect(200).header("Feed-Sources"))
				.contains("events=ok, campaigns=unavailable");
		}
		finally {
			this.stack.startService(SystemStack.CAMPAIGN_SERVICE);
		}

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Feed again = this.gateway.feed(QUERY);
			assertThat(again.partial()).isFalse();
			assertThat(again.sources()).containsExactlyInAnyOrderEntriesOf(Map.of("events", "ok", "campaigns", "ok"));
			assertThat(again.ids()).containsExactly(this.event, this.activity);
		});
	}

}
