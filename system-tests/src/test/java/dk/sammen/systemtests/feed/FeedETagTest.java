package dk.sammen.systemtests.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Response;
import dk.sammen.systemtests.api.Town;
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.daysAhead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditional requests, as calendar apps and feed readers poll: the same answer costs a 304
 * without a body, a change in what the query selects gives a new ETag.
 */
@SystemTest
class FeedETagTest {

	private static final Town TOWN = Town.KOEGE;

	private static final String FEED = "/api/v1/feed?kommune=" + TOWN.kommuneCode();

	private static final String CALENDAR = "/api/v1/feed.ics?kommune=" + TOWN.kommuneCode();

	private static final String ATOM = "/api/v1/feed.atom?kommune=" + TOWN.kommuneCode();

	private final Gateway gateway;

	private Partner partner = new Partner("", "", "");

	FeedETagTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@BeforeAll
	void publishAnEvent() {
		this.partner = this.gateway.newPartner("Køge Spisefællesskab");
		this.gateway.publishEvent(this.partner, EventBody.in(TOWN, daysAhead(15, 18, 0)).title("Suppeaften"));
	}

	@Test
	void feed_askedAgainWithItsETag_answers304WithoutABody() {
		Response first = this.gateway.get(FEED).expect(200);
		String etag = first.header("ETag").orElseThrow();

		Response again = this.gateway.get(FEED, "If-None-Match", etag).expect(304);

		assertThat(again.body()).isEmpty();
		assertThat(again.header("ETag")).contains(etag);
		assertThat(this.gateway.get(FEED, "If-None-Match", "\"something-else\"").status()).isEqualTo(200);
	}

	@Test
	void calendar_askedAgainWithItsETag_answers304() {
		String etag = this.gateway.get(CALENDAR).expect(200).header("ETag").orElseThrow();

		assertThat(this.gateway.get(CALENDAR, "If-None-Match", etag).status()).isEqualTo(304);
		assertThat(this.gateway.get(FEED).expect(200).header("ETag").orElseThrow()).as("another format, another ETag")
			.isNotEqualTo(etag);
	}

	@Test
	void feed_afterAnotherEventIsPublished_answersTheOldETagWithTheNewFeedAndANewETag() {
		Response before = this.gateway.get(FEED).expect(200);
		String etag = before.header("ETag").orElseThrow();
		// remembered by the gateway now, which must not answer 304 from memory once the feed changed
		this.gateway.get(FEED, "If-None-Match", etag).expect(304);
		Map<String, String> others = new LinkedHashMap<>();
		for (String format : List.of(CALENDAR, ATOM)) {
			others.put(format, this.gateway.get(format).expect(200).header("ETag").orElseThrow());
			this.gateway.get(format, "If-None-Match", others.get(format)).expect(304);
		}

		String added = this.gateway.publishEvent(this.partner, EventBody.in(TOWN, daysAhead(16, 18, 0)).title("Grødaften"));

		Response after = this.gateway.get(FEED, "If-None-Match", etag).expect(200);
		assertThat(after.header("ETag")).isPresent().isNotEqualTo(before.header("ETag"));
		assertThat(after.body()).contains(added);
		assertThat(this.gateway.get(FEED, "If-None-Match", after.header("ETag").orElseThrow()).status()).isEqualTo(304);
		others.forEach((format, old) -> {
			Response changed = this.gateway.get(format, "If-None-Match", old).expect(200);
			assertThat(changed.header("ETag")).as(format).isPresent().isNotEqualTo(Optional.of(old));
			assertThat(changed.body()).as(format).contains("Grødaften");
		});
	}

}
