package dk.sammen.platform.web;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeysetCursorTests {

	@Test
	void decode_encodedCursor_roundTrips() {
		KeysetCursor cursor = new KeysetCursor(KeysetCursor.EVENTS, Instant.parse("2027-04-29T15:30:00Z"), "0f8e0c1a-1b7c-4f1e-9a51-6a2d3e4f5a6b");
		assertThat(KeysetCursor.decode(KeysetCursor.EVENTS, cursor.encode())).contains(cursor);
	}

	@Test
	void decode_cursorOfAnotherListing_isEmpty() {
		String activities = new KeysetCursor(KeysetCursor.ACTIVITIES, Instant.EPOCH, "x").encode();
		assertThat(KeysetCursor.decode(KeysetCursor.EVENTS, activities)).isEmpty();
	}

	@Test
	void decode_tamperedOrForeignCursor_isEmpty() {
		assertThat(KeysetCursor.decode(KeysetCursor.EVENTS, "not-base64!")).isEmpty();
		assertThat(KeysetCursor.decode(KeysetCursor.EVENTS, "")).isEmpty();
		assertThat(KeysetCursor.decode(KeysetCursor.EVENTS, java.util.Base64.getUrlEncoder().encodeToString("x1|12|id".getBytes()))).isEmpty();
		assertThat(KeysetCursor.decode(KeysetCursor.EVENTS, java.util.Base64.getUrlEncoder().encodeToString("e1|abc|id".getBytes()))).isEmpty();
	}

}
