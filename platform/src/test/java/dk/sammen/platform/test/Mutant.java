package dk.sammen.platform.test;

import java.nio.charset.StandardCharsets;

/** A mutated body and the content type it is sent as. */
public record Mutant(byte[] bytes, String contentType) {

	/** The content type, size and first 300 characters, for a failure message. */
	public String excerpt() {
		String text = new String(this.bytes, StandardCharsets.UTF_8);
		return "[" + this.contentType + ", " + this.bytes.length + " bytes] "
				+ ((text.length() > 300) ? text.substring(0, 300) + "…" : text);
	}

}
