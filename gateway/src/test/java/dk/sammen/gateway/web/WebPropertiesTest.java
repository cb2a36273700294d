package dk.sammen.gateway.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebPropertiesTest {

	@Test
	void tileSource_ofTemplate_isItsOrigin() {
		assertThat(properties("https://tile.openstreetmap.org/{z}/{x}/{y}.png").tileSource())
			.isEqualTo("https://tile.openstreetmap.org");
		assertThat(properties("http://127.0.0.1:8089/tiles/{z}/{x}/{y}.png").tileSource())
			.isEqualTo("http://127.0.0.1:8089");
	}

	@Test
	void tileSource_withSubdomains_isAWildcard() {
		assertThat(properties("https://{s}.tile.example.org/{z}/{x}/{y}.png").tileSource())
			.isEqualTo("https://*.tile.example.org");
	}

	@Test
	void tileSource_ofRelativeUrl_isRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("/tiles/{z}/{x}/{y}.png").tileSource());
	}

	private static WebProperties properties(String tileUrl) {
		return new WebProperties(tileUrl, "", Duration.ofMinutes(10));
	}

}
