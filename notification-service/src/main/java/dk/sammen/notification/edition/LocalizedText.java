package dk.sammen.notification.edition;

import dk.sammen.notification.mail.Language;

/** A text an administrator wrote in both languages. */
public record LocalizedText(String da, String en) {

	public String in(Language language) {
		return (language == Language.EN) ? this.en : this.da;
	}

}
