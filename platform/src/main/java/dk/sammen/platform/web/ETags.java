package dk.sammen.platform.web;

/** Versions in {@code If-Match}: every service's ETags are the quoted document version. */
public final class ETags {

	private ETags() {
	}

	/** The version in an {@code If-Match} ETag such as {@code "3"} or {@code W/"3"}; -1 (never matching) otherwise. */
	public static long version(String ifMatch) {
		String value = ifMatch.strip();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		if (value.length() >= 3 && value.startsWith("\"") && value.endsWith("\"")) {
			try {
				return Long.parseLong(value.substring(1, value.length() - 1));
			}
			catch (NumberFormatException ex) {
				// not one of ours: it can never match
			}
		}
		return -1;
	}

	public static String of(long version) {
		return "\"" + version + "\"";
	}

}
