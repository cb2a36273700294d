package dk.sammen.events.organisation;

/**
 * A Danish CVR number: eight digits, the first not zero, whose digits weighted 2, 7, 6, 5, 4,
 * 3, 2, 1 sum to a multiple of 11 (the modulus-11 check of the Central Business Register).
 */
record CvrNumber(String value) {

	private static final int[] WEIGHTS = { 2, 7, 6, 5, 4, 3, 2, 1 };

	CvrNumber {
		if (!isValid(value)) {
			throw new IllegalArgumentException("Not a valid CVR number: " + value);
		}
	}

	static boolean isValid(String candidate) {
		if (candidate.length() != 8 || candidate.charAt(0) == '0') {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < 8; i++) {
			char digit = candidate.charAt(i);
			if (digit < '0' || digit > '9') {
				return false;
			}
			sum += (digit - '0') * WEIGHTS[i];
		}
		return sum % 11 == 0;
	}

}
