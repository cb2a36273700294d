package dk.sammen.platform.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words for search without a text index (the MongoDB-wire server has no {@code $text}): text is
 * lower-cased, HTML tags dropped, Danish letters folded (æ→ae, ø→oe, å→aa) and accents removed, so
 * "Fællesspisning" and "faellesspisning" find the same events. A query matches documents holding
 * all its words.
 */
public final class SearchWords {

	private static final Pattern TAGS = Pattern.compile("<[^>]*>");

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final int MAX_WORDS = 400;

	private SearchWords() {
	}

	public static List<String> of(String... texts) {
		Set<String> words = new LinkedHashSet<>();
		for (String text : texts) {
			for (String word : NON_WORD.split(fold(TAGS.matcher(text).replaceAll(" ")))) {
				if (word.length() >= 2 && words.size() < MAX_WORDS) {
					words.add(word);
				}
			}
		}
		return List.copyOf(words);
	}

	public static List<String> ofQuery(String query) {
		return Arrays.stream(NON_WORD.split(fold(query))).filter((word) -> word.length() >= 2).distinct().limit(10).toList();
	}

	private static String fold(String text) {
		String lower = text.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "oe").replace("å", "aa");
		return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
	}

}
