package dk.sammen.localstack;

/** Danish CVR numbers: eight digits, the first not zero, passing the modulus-11 check. */
public final class Cvr {

	private static final int[] WEIGHTS = { 2, 7, 6, 5, 4, 3, 2, 1 };

	private Cvr() {
	}

	public static boolean isValid(String cvr) {
		if (cvr.length() != WEIGHTS.length || cvr.charAt(0) == '0') {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < WEIGHTS.length; i++) {
			char digit = cvr.charAt(i);
			if (digit < '0' || digit > '9') {
				return false;
			}
			sum += (digit - '0') * WEIGHTS[i];
		}
		return sum % 11 == 0;
	}

}
