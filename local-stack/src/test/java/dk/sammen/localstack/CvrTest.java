package dk.sammen.localstack;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CvrTest {

	@ParameterizedTest
	@ValueSource(strings = { "20781068", "98918639", "10000009" })
	void isValid_withAWeightedSumDivisibleBy11_isTrue(String cvr) {
		assertThat(Cvr.isValid(cvr)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "20781069", "02781068", "2078106", "207810680", "2078106X", "" })
	void isValid_withAWrongCheckDigitLengthOrLeadingZero_isFalse(String cvr) {
		assertThat(Cvr.isValid(cvr)).isFalse();
	}

}
