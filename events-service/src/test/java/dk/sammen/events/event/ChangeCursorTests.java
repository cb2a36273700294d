package dk.sammen.events.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeCursorTests {

	private static final Instant AT = Instant.parse("2027-04-29T15:30:00.123Z");

	private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

	@Test
	void decode_encodedPositionAfterAnEvent_givesItBack() {
		ChangeCursor cursor = ChangeCursor.after(AT, ID);
		assertThat(ChangeCursor.decode(cursor.encode())).contains(cursor);
	}

	@Test
	void decode_encodedPositionThroughAMillisecond_givesItBackWithoutId() {
		ChangeCursor cursor = ChangeCursor.through(AT);
		assertThat(ChangeCursor.decode(cursor.encode())).hasValueSatisfying((decoded) -> {
			assertThat(decoded.position()).isEqualTo(AT);
			assertThat(decoded.lastId()).isNull();
		});
	}

	@Test
	void encode_finerThanMilliseconds_keepsTheMillisecondTheStoreKeeps() {
		ChangeCursor cursor = ChangeCursor.through(Instant.parse("2027-04-29T15:30:00.123456789Z"));
		assertThat(cursor.position()).isEqualTo(AT);
		assertThat(cursor.encode()).isEqualTo(ChangeCursor.through(AT).encode());
	}

	@Test
	void encode_isUrlSafeWithoutPadding() {
		assertThat(ChangeCursor.after(AT, ID).encode()).matches("[A-Za-z0-9_-]+");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not base64!", "e1|1777476600123|x", "c1|-5|x", "c1|12ab|x", "c1|1777476600123",
			"c1|1777476600123|a|b", "c1||x", "c1|1777476600123|with space", "c1|1234567890123456|x" })
	void decode_malformed_isEmpty(String raw) {
		String cursor = raw.equals("not base64!") ? raw : encode(raw);
		assertThat(ChangeCursor.decode(cursor)).isEmpty();
	}

	@Test
	void decode_idLongerThan64_isEmpty() {
		assertThat(ChangeCursor.decode(encode("c1|1777476600123|" + "a".repeat(65)))).isEmpty();
		assertThat(ChangeCursor.decode(encode("c1|1777476600123|" + "a".repeat(64)))).isPresent();
	}

	@Test
	void decode_tooLong_isEmptyWithoutDecoding() {
		assertThat(ChangeCursor.decode("A".repeat(201))).isEmpty();
	}

	@Test
	void atLeast_throughAMillisecond_comesAfterEveryEventInIt() {
		ChangeCursor through = ChangeCursor.through(AT);
		ChangeCursor afterEvent = ChangeCursor.after(AT, "ffffffff-ffff-ffff-ffff-ffffffffffff");
		assertThat(afterEvent.atLeast(through)).isEqualTo(through);
		assertThat(through.atLeast(afterEvent)).isEqualTo(through);
		assertThat(through.atLeast(null)).isEqualTo(through);
	}

	@Test
	void atLeast_laterMillisecond_winsWhateverTheIds() {
		ChangeCursor earlier = ChangeCursor.through(AT);
		ChangeCursor later = ChangeCursor.after(AT.plusMillis(1), "0");
		assertThat(earlier.atLeast(later)).isEqualTo(later);
		assertThat(later.atLeast(earlier)).isEqualTo(later);
	}

	@Test
	void successors_throughAMillisecond_areStrictlyLater() {
		Document query = ChangeCursor.through(AT).successors("updatedAt").getCriteriaObject();
		assertThat(query).isEqualTo(new Document("updatedAt", new Document("$gt", AT)));
	}

	@Test
	void successors_afterAnEvent_areLaterOrTheSameMillisecondWithAGreaterId() {
		Document query = ChangeCursor.after(AT, ID).successors("updatedAt").getCriteriaObject();
		Document expected = new Document("$or", List.of(new Document("updatedAt", new Document("$gt", AT)),
				new Document("updatedAt", AT).append("_id", new Document("$gt", ID))));
		assertThat(query).isEqualTo(expected);
	}

	private static String encode(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

}
