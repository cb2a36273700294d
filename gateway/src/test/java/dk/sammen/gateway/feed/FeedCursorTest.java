package dk.sammen.gateway.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dk.sammen.gateway.feed.FeedItem.Position;

import static org.assertj.core.api.Assertions.assertThat;

class FeedCursorTest {

	@Test
	void decodesWhatItEncoded_withOrWithoutPositions() {
		FeedCursor both = new FeedCursor(new Position(Instant.parse("2027-04-29T15:30:00Z"), "0b9e5f0e-2c1d"),
				new Position(Instant.parse("2027-05-01T07:00:00Z"), "a_1"));
		FeedCursor eventsOnly = new FeedCursor(new Position(Instant.parse("2027-04-29T15:30:00Z"), "e"), null);

		assertThat(FeedCursor.decode(both.encode())).contains(both);
		assertThat(FeedCursor.decode(eventsOnly.encode())).contains(eventsOnly);
		assertThat(FeedCursor.decode(FeedCursor.START.encode())).contains(FeedCursor.START);
	}

	@ParameterizedTest
	@ValueSource(strings = { "f2|1|e||", "f1|1|e|", "f1|1|e|||", "f1|x|e||", "f1|1|||", "f1||e||", "f1|1|e|2|a b",
			"f1|1|e|2|" })
	void rejects_whatItDidNotWrite(String raw) {
		String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));

		assertThat(FeedCursor.decode(cursor)).isEmpty();
	}

	@Test
	void rejects_whatIsNotBase64url() {
		assertThat(FeedCursor.decode("not a cursor!")).isEmpty();
	}

	@Test
	void buildsTheSourcesOwnCursors_afterAPosition() {
		Position position = new Position(Instant.ofEpochMilli(1_808_919_000_000L), "e-1");

		assertThat(decode(EventsSource.cursor(position))).isEqualTo("e1|1808919000000|e-1");
		assertThat(decode(CampaignActivitiesSource.cursor(position))).isEqualTo("a1|1808919000000|e-1");
	}

	private static String decode(String cursor) {
		return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
	}

}
