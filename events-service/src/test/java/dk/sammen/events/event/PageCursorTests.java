package dk.sammen.events.event;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageCursorTests {

	@Test
	void decode_encodedCursor_roundTrips() {
		PageCursor cursor = new PageCursor(Instant.parse("2027-04-29T15:30:00Z"), "0f8e0c1a-1b7c-4f1e-9a51-6a2d3e4f5a6b");
		assertThat(PageCursor.decode(cursor.encode())).contains(cursor);
	}

	@Test
	void decode_tamperedOrForeignCursor_isEmpty() {
		assertThat(PageCursor.decode("not-base64!")).isEmpty();
		assertThat(PageCursor.decode("")).isEmpty();
		assertThat(PageCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("x1|12|id".getBytes()))).isEmpty();
		assertThat(PageCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("e1|abc|id".getBytes()))).isEmpty();
	}

}
