package dk.sammen.gateway.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dk.sammen.contracts.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class StreamPositionTest {

	@Test
	void decodesWhatItEncoded_forBothTopics() {
		StreamPosition position = StreamPosition.NONE.with(Topics.CAMPAIGN_ACTIVITIES, 2, 17)
			.with(Topics.EVENTS, 0, 1042)
			.after(Topics.EVENTS, 5, 998);

		assertThat(StreamPosition.decode(position.encode())).contains(position);
		assertThat(raw(position.encode())).isEqualTo("s1|e0:1042|e5:999|a2:17");
		assertThat(StreamPosition.decode(StreamPosition.NONE.encode())).contains(StreamPosition.NONE);
	}

	@Test
	void knowsOnlyThePartitionsItWasGiven() {
		StreamPosition position = StreamPosition.NONE.after(Topics.EVENTS, 1, 41);

		assertThat(position.next(Topics.EVENTS, 1)).isEqualTo(42L);
		assertThat(position.next(Topics.EVENTS, 0)).isNull();
		assertThat(position.next(Topics.CAMPAIGN_ACTIVITIES, 1)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "s2|e0:1", "s1|x0:1", "s1|e0:", "s1|e:1", "s1|e0:-1", "s1|e0:1|e0:2", "s1|e0:1|",
			"f1|1|e||", "s1|e0:1234567890123456789", "" })
	void rejects_whatItDidNotWrite(String raw) {
		String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));

		assertThat(StreamPosition.decode(id)).isEmpty();
	}

	@Test
	void rejects_whatIsNotBase64url_andWhatIsHuge() {
		assertThat(StreamPosition.decode("not an id!")).isEmpty();
		assertThat(StreamPosition.decode("A".repeat(100_000))).isEmpty();
	}

	private static String raw(String id) {
		return new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
	}

}
