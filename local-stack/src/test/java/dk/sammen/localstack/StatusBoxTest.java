package dk.sammen.localstack;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBoxTest {

	@Test
	void render_padsEveryLineToTheWidestOne() {
		String box = StatusBox.render(List.of("Gateway  http://localhost:8080", "", "Ældre"));

		assertThat(box.lines()).containsExactly("┌────────────────────────────────┐",
				"│ Gateway  http://localhost:8080 │", "│                                │",
				"│ Ældre                          │", "└────────────────────────────────┘");
	}

}
