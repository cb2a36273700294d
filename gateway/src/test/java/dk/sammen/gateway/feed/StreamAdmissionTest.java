package dk.sammen.gateway.feed;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamAdmissionTest {

	private final StreamAdmission admission = new StreamAdmission(3, 2, Duration.ofSeconds(5));

	@Test
	void admit_beyondPerAddressBound_refusedWith429AndRetryAfter() {
		this.admission.admit("203.0.113.7");
		this.admission.admit("203.0.113.7");

		assertThatThrownBy(() -> this.admission.admit("203.0.113.7")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> {
					assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
					assertThat(problem.getBody().getType().toString()).endsWith("/too-many-streams");
					assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
				});
		assertThat(this.admission.clients()).isEqualTo(2);
	}

	@Test
	void admit_beyondGatewayBound_refusedWith503AndCountsNothing() {
		StreamAdmission.Permit first = this.admission.admit("203.0.113.7");
		this.admission.admit("203.0.113.7");
		StreamAdmission.Permit other = this.admission.admit("198.51.100.1");

		assertThatThrownBy(() -> this.admission.admit("192.0.2.5")).isInstanceOfSatisfying(ApiProblem.class,
				(problem) -> assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		assertThat(this.admission.clients()).isEqualTo(3);
		// the refused address holds nothing: once there is room it gets its full share of two
		other.release();
		this.admission.admit("192.0.2.5");
		first.release();
		this.admission.admit("192.0.2.5");
		assertThat(this.admission.clients()).isEqualTo(3);
	}

	@Test
	void release_twice_freesOneStreamOnly() {
		StreamAdmission.Permit first = this.admission.admit("203.0.113.7");
		this.admission.admit("203.0.113.7");

		first.release();
		first.release();

		assertThat(this.admission.clients()).isEqualTo(1);
		this.admission.admit("203.0.113.7");
		assertThatThrownBy(() -> this.admission.admit("203.0.113.7")).isInstanceOf(ApiProblem.class);
	}

}
