package dk.sammen.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose checks can fail: a fixture with typical mistakes is refused, each by name. */
class BrokenComposeFileTest {

	private static ComposeFile broken() {
		try (InputStream in = BrokenComposeFileTest.class.getResourceAsStream("/broken/docker-compose.yml")) {
			return ComposeFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void schema_misspeltKey_isRefused() {
		assertThat(broken().schemaViolations()).anySatisfy((violation) -> assertThat(violation).contains("helthcheck"));
	}

	@Test
	void rules_missingHealthchecksStartOrderAndProfile_areRefused() {
		assertThat(broken().ruleViolations()).contains("kafka: no healthcheck", "events-service: no healthcheck",
				"events-service: depends on kafka without condition service_healthy",
				"events-service: waits for kafka to be healthy, which has no healthcheck",
				"events-service: SPRING_PROFILES_ACTIVE is '', not compose");
	}

}
