package dk.sammen.events.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

	private static final Instant ORIGIN = Instant.parse("2027-04-01T08:00:00.456Z");

	private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

	@Test
	void decode_encodedPositionAfterAnEvent_givesItBack() {
		ChangeCursor cursor = ChangeCursor.after(AT, ID, ORIGIN);
		assertThat(ChangeCursor.decode(cursor.encode())).contains(cursor);
	}

	@Test
	void decode_encodedPositionThroughAMillisecond_givesItBackWithoutId() {
		ChangeCursor cursor = ChangeCursor.through(AT, ORIGIN);
		assertThat(ChangeCursor.decode(cursor.encode())).hasValueSatisfying((decoded) -> {
			assertThat(decoded.position()).isEqualTo(AT);
			assertThat(decoded.lastId()).isNull();
			assertThat(decoded.origin()).isEqualTo(ORIGIN);
		});
	}

	@Test
	void encode_finerThanMilliseconds_keepsTheMillisecondTheStoreKeeps() {
		ChangeCursor cursor = ChangeCursor.through(Instant.parse("2027-04-29T15:30:00.123456789Z"), ORIGIN);
		assertThat(cursor.position()).isEqualTo(AT);
		assertThat(cursor.encode()).isEqualTo(ChangeCursor.through(AT, ORIGIN).encode());
	}

	@Test
	void encode_isUrlSafeWithoutPadding() {
		assertThat(ChangeCursor.after(AT, ID, ORIGIN).encode()).matches("[A-Za-z0-9_-]+");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not base64!", "e1|1777476600123|x|1", "c1|-5|x|1", "c1|12ab|x|1", "c1|1777476600123",
			"c1|1777476600123|x", "c1|1777476600123|a|b|1", "c1||x|1", "c1|1|x|", "c1|1|x|-1",
			"c1|1777476600123|with space|1", "c1|1234567890123456|x|1" })
	void decode_malformed_isEmpty(String raw) {
		String cursor = raw.equals("not base64!") ? raw : encode(raw);
		assertThat(ChangeCursor.decode(cursor)).isEmpty();
	}

	@Test
	void decode_idLongerThan64_isEmpty() {
		assertThat(ChangeCursor.decode(encode("c1|1777476600123|" + "a".repeat(65) + "|1"))).isEmpty();
		assertThat(ChangeCursor.decode(encode("c1|1777476600123|" + "a".repeat(64) + "|1"))).isPresent();
	}

	@Test
	void decode_tooLong_isEmptyWithoutDecoding() {
		assertThat(ChangeCursor.decode("A".repeat(201))).isEmpty();
	}

	@Test
	void atLeast_throughAMillisecond_comesAfterEveryEventInIt() {
		ChangeCursor through = ChangeCursor.through(AT, ORIGIN);
		ChangeCursor afterEvent = ChangeCursor.after(AT, "ffffffff-ffff-ffff-ffff-ffffffffffff", ORIGIN);
		assertThat(afterEvent.atLeast(through)).isEqualTo(through);
		assertThat(through.atLeast(afterEvent)).isEqualTo(through);
		assertThat(through.isAfter(afterEvent)).isTrue();
		assertThat(afterEvent.isAfter(through)).isFalse();
	}

	@Test
	void atLeast_laterMillisecond_winsWhateverTheIds_andKeepsItsOwnOrigin() {
		ChangeCursor earlier = ChangeCursor.through(AT, ORIGIN);
		ChangeCursor later = ChangeCursor.after(AT.plusMillis(1), "0", AT);
		assertThat(earlier.atLeast(later)).isEqualTo(ChangeCursor.after(AT.plusMillis(1), "0", ORIGIN));
		assertThat(later.atLeast(earlier)).isEqualTo(later);
	}

	@Test
	void mayMissTombstones_isDecidedByTheLaterOfPositionAndOrigin() {
		Instant purgedBefore = AT.minus(Duration.ofDays(30));
		Instant longAgo = purgedBefore.minus(Duration.ofDays(300));
		Instant recently = purgedBefore.plusSeconds(1);
		// a caught-up client whose copy began long ago
		assertThat(ChangeCursor.through(recently, longAgo).mayMissTombstonesRemovedBefore(purgedBefore)).isFalse();
		// a first copy that began recently, still paging through events changed long ago
		assertThat(ChangeCursor.after(longAgo, ID, recently).mayMissTombstonesRemovedBefore(purgedBefore)).isFalse();
		// a client away for longer than the retention
		assertThat(ChangeCursor.through(longAgo, longAgo).mayMissTombstonesRemovedBefore(purgedBefore)).isTrue();
		assertThat(ChangeCursor.through(purgedBefore, purgedBefore).mayMissTombstonesRemovedBefore(purgedBefore))
			.isFalse();
	}

	@Test
	void successors_throughAMillisecond_areStrictlyLater() {
		Document query = ChangeCursor.through(AT, ORIGIN).successors("updatedAt").getCriteriaObject();
		assertThat(query).isEqualTo(new Document("updatedAt", new Document("$gt", AT)));
	}

	@Test
	void successors_afterAnEvent_areLaterOrTheSameMillisecondWithAGreaterId() {
		Document query = ChangeCursor.after(AT, ID, ORIGIN).successors("updatedAt").getCriteriaObject();
		Document expected = new Document("$or", List.of(new Document("updatedAt", new Document("$gt", AT)),
				new Document("updatedAt", AT).append("_id", new Document("$gt", ID))));
		assertThat(query).isEqualTo(expected);
	}

	private static String encode(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

}
