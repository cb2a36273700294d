package dk.sammen.events.organisation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CvrNumberTests {

	@ParameterizedTest
	// weighted sums 2,7,6,5,4,3,2,1 divisible by 11
	@ValueSource(strings = { "29403473", "10150817", "25313763", "12345674" })
	void isValid_modulus11Holds_isTrue(String cvr) {
		assertThat(CvrNumber.isValid(cvr)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "29403474", "12345678", "02940347", "1234567", "123456789", "1234567a", "", "        " })
	void isValid_wrongCheckDigitLengthOrCharacters_isFalse(String cvr) {
		assertThat(CvrNumber.isValid(cvr)).isFalse();
	}

	@Test
	void new_invalidNumber_isRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CvrNumber("12345678"));
	}

}
