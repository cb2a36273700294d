package dk.sammen.platform.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchWordsTests {

	@Test
	void of_danishLetters_areFoldedSoBothSpellingsMatch() {
		assertThat(SearchWords.of("Fællesspisning i Ærø Kommune")).contains("faellesspisning", "aeroe", "kommune");
		assertThat(SearchWords.ofQuery("faellesspisning")).containsExactly("faellesspisning");
		assertThat(SearchWords.ofQuery("Fællesspisning")).containsExactly("faellesspisning");
	}

	@Test
	void of_htmlTagsAndPunctuation_areNotWords() {
		assertThat(SearchWords.of("<p>Kaffe, <strong>kage</strong> & snak!</p>")).containsExactly("kaffe", "kage",
				"snak");
	}

	@Test
	void ofQuery_duplicatesAndSingleLetters_areDropped() {
		assertThat(SearchWords.ofQuery("gåtur i  Gåtur")).containsExactly("gaatur");
	}

	@Test
	void ofQuery_mongoOperatorText_isJustWords() {
		assertThat(SearchWords.ofQuery("{\"$gt\": \"\"}")).containsExactly("gt");
	}

}
