package dk.sammen.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule both the rate limits and the feed's validators go by. */
class WriteRequestsTest {

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "PATCH", "DELETE" })
	void isWrite_changingMethods(String method) {
		assertThat(WriteRequests.isWrite(HttpMethod.valueOf(method))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "QUERY" })
	void isWrite_notForAnyOtherMethod(String method) {
		assertThat(WriteRequests.isWrite(HttpMethod.valueOf(method))).isFalse();
	}

}
