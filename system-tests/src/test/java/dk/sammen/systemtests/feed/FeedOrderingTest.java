package dk.sammen.systemtests.feed;

import java.time.OffsetDateTime;
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
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.daysAhead;
import static org.assertj.core.api.Assertions.assertThat;

/** Partner events (events-service) and campaign activities (campaign-service) in one order. */
@SystemTest
class FeedOrderingTest {

	private static final Town TOWN = Town.HOLSTEBRO;

	private static final Query QUERY = Query.kommuner(TOWN);

	private static final String CAMPAIGN = "vaer-en-som-raekker-ud";

	private final Gateway gateway;

	private OffsetDateTime firstStart = OffsetDateTime.MIN;

	private String firstEvent = "";

	private String firstActivity = "";

	private String secondEvent = "";

	private String secondActivity = "";

	private String thirdEvent = "";

	FeedOrderingTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@BeforeAll
	void publishInterleavedItems() {
		Partner partner = this.gateway.newPartner("Holstebro Frivilligcenter");
		this.firstStart = daysAhead(10, 17, 30);
		// created out of order, so that only sorting can put them right
		this.thirdEvent = this.gateway.publishEvent(partner, EventBody.in(TOWN, daysAhead(14, 19, 0)).title("Tredje"));
		this.secondActivity = this.gateway.publishActivity(CAMPAIGN,
				ActivityBody.in(TOWN, daysAhead(13, 10, 0)).kind("school-activity").title("Anden aktivitet"));
		this.firstEvent = this.gateway.publishEvent(partner, EventBody.in(TOWN, this.firstStart).title("Første"));
		this.secondEvent = this.gateway.publishEvent(partner, EventBody.in(TOWN, daysAhead(12, 9, 0)).title("Anden"));
		this.firstActivity = this.gateway.publishActivity(CAMPAIGN,
				ActivityBody.in(TOWN, daysAhead(11, 12, 0)).kind("radio-segment").title("Første aktivitet"));
	}

	@Test
	void feed_withEventsAndActivities_mergesThemByStartsAt() {
		Feed feed = this.gateway.feed(QUERY);

		assertThat(feed.ids()).containsExactly(this.firstEvent, this.firstActivity, this.secondEvent,
				this.secondActivity, this.thirdEvent);
		assertThat(feed.items()).extracting(Feed.Item::kind)
			.containsExactly("event", "campaign-activity", "event", "campaign-activity", "event");
		assertThat(feed.items()).extracting((item) -> item.startsAt().toInstant()).isSorted();
		assertThat(feed.partial()).isFalse();
		assertThat(feed.sources()).containsExactlyInAnyOrderEntriesOf(Map.of("events", "ok", "campaigns", "ok"));
		assertThat(feed.nextCursor()).isNull();
	}

	@Test
	void feed_showsAnItemInDanishTimeWithItsKommune() {
		Feed.Item first = this.gateway.feed(QUERY.and("limit", 1)).items().get(0);

		assertThat(first.id()).isEqualTo(this.firstEvent);
		assertThat(first.title()).isEqualTo("Første");
		// equal as OffsetDateTime: the same instant with the Danish offset of that day
		assertThat(first.startsAt()).isEqualTo(this.firstStart);
		assertThat(first.endsAt()).isEqualTo(this.firstStart.plusHours(2));
		assertThat(first.kommuneCode()).isEqualTo("0661");
		assertThat(first.kommuneName()).isEqualTo("Holstebro");
		assertThat(first.status()).isEqualTo("published");
		assertThat(first.programme()).isEqualTo("local-partnership");
	}

}
