package dk.sammen.gateway.feed;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import dk.sammen.gateway.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

class FeedValidatorsTest {

	private static final URI FEED = URI.create("http://gateway/api/v1/feed?kommune=0101");

	private final MovableClock clock = new MovableClock();

	private final Sinks.Many<String> topics = Sinks.many().multicast().directBestEffort();

	private final FeedValidators validators = new FeedValidators(this.topics.asFlux(), this.clock,
			Duration.ofSeconds(5), 2);

	@AfterEach
	void close() {
		this.validators.close();
	}

	@Test
	void current_afterRemember_isTheAnswersValidator() {
		remember("json", FEED, "\"a\"");

		FeedValidators.Validator known = this.validators.current("json", FEED);

		assertThat(known).isNotNull();
		assertThat(known.etag()).isEqualTo("\"a\"");
		assertThat(known.sources()).isEqualTo("events=ok, campaign-activities=ok");
		assertThat(known.nextCursor()).isEqualTo("next");
		assertThat(this.validators.current("ics", FEED)).as("another format").isNull();
		assertThat(this.validators.current("json", URI.create(FEED + "&limit=5"))).as("another query").isNull();
	}

	@Test
	void current_afterAWrite_isNull() {
		remember("json", FEED, "\"a\"");

		this.validators.changed();

		assertThat(this.validators.current("json", FEED)).isNull();
	}

	@Test
	void current_afterARecordOnTheTopics_isNull() {
		remember("json", FEED, "\"a\"");

		this.topics.tryEmitNext("a change through another replica");

		assertThat(this.validators.current("json", FEED)).isNull();
	}

	@Test
	void current_afterTheTimeToLive_isNull() {
		remember("json", FEED, "\"a\"");

		this.clock.advance(Duration.ofMillis(4999));
		assertThat(this.validators.current("json", FEED)).isNotNull();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.validators.current("json", FEED)).isNull();
	}

	@Test
	void remember_ofAnAnswerAskedBeforeAChange_isNotUsed() {
		long asked = this.validators.generation();
		this.validators.changed();

		this.validators.remember("json", FEED, asked, "\"old\"", "events=ok", null);

		assertThat(this.validators.current("json", FEED)).isNull();
	}

	@Test
	void remember_beyondMaxEntries_dropsTheLeastRecentlyUsed() {
		URI other = URI.create("http://gateway/api/v1/feed?kommune=0661");
		remember("json", FEED, "\"a\"");
		remember("ics", FEED, "\"b\"");
		assertThat(this.validators.current("json", FEED)).isNotNull();

		remember("json", other, "\"c\"");

		assertThat(this.validators.current("json", FEED)).isNotNull();
		assertThat(this.validators.current("ics", FEED)).isNull();
		assertThat(this.validators.current("json", other)).isNotNull();
	}

	@Test
	void current_withoutTimeToLive_isAlwaysNull() {
		try (FeedValidators off = new FeedValidators(this.topics.asFlux(), this.clock, Duration.ZERO, 2)) {
			off.remember("json", FEED, off.generation(), "\"a\"", "events=ok", null);

			assertThat(off.current("json", FEED)).isNull();
		}
	}

	private void remember(String format, URI uri, String etag) {
		this.validators.remember(format, uri, this.validators.generation(), etag, "events=ok, campaign-activities=ok",
				"next");
	}

}
