package dk.sammen.notification.mail;

import java.util.Locale;

/** The language a subscriber reads their mail in. */
public enum Language {

	DA("da"), EN("en");

	private final String code;

	Language(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public Locale locale() {
		return Locale.forLanguageTag(this.code);
	}

	/** The language for {@code da} or {@code en}, or null for anything else. */
	public static Language fromCode(String code) {
		for (Language language : values()) {
			if (language.code.equals(code)) {
				return language;
			}
		}
		throw new IllegalArgumentException("Unknown language " + code);
	}

}
