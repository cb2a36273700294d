package dk.sammen.events.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dk.sammen.platform.problem.Violations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small rules of incremental sync: external ids, late writes and the feed's settings. */
class SyncRulesTests {

	private static final String ORGANISATION = "5b1f0f3e-8a50-4d43-9e36-8f0c3c6d3f10";

	@ParameterizedTest
	@ValueSource(strings = { "a", "ringsted-2027-17", "kalender/2027/møde-17", "ÆØÅ_æøå.#?&%", "日本語" })
	void isValid_visibleCharacters_isTrue(String externalId) {
		assertThat(ExternalIds.isValid(externalId)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "a b", "a\tb", "a\nb", "a\u00A0b", "a\u200Bb", "a\u0007", "\uE000", "\uD800" })
	void isValid_emptyOrInvisibleCharacters_isFalse(String externalId) {
		assertThat(ExternalIds.isValid(externalId)).isFalse();
	}

	@Test
	void isValid_countsCharactersNotUtf16Units() {
		assertThat(ExternalIds.isValid("😀".repeat(200))).isTrue();
		assertThat(ExternalIds.isValid("😀".repeat(201))).isFalse();
	}

	@Test
	void check_missingExternalId_isFine() {
		Violations violations = new Violations();
		assertThat(ExternalIds.check(violations, null)).isTrue();
		assertThat(ExternalIds.check(violations, "x y")).isFalse();
		assertThat(violations.list()).singleElement().satisfies((v) -> assertThat(v.field()).isEqualTo("externalId"));
	}

	@Test
	void eventId_isStablePerOrganisationAndDiffersBetweenThem() {
		assertThat(ExternalIds.eventId(ORGANISATION, "x")).isEqualTo(ExternalIds.eventId(ORGANISATION, "x"))
			.isNotEqualTo(ExternalIds.eventId(ORGANISATION, "y"))
			.isNotEqualTo(ExternalIds.eventId("another-organisation", "x"))
			.matches("[0-9a-f-]{36}");
	}

	@Test
	void isLate_acknowledgedWithinHalfTheLag_isFalse_andLaterIsTrue() {
		Instant stamped = Instant.parse("2027-04-29T15:30:00Z");
		Duration lateAfter = Duration.ofSeconds(1);
		assertThat(LateWrites.isLate(stamped, stamped.plusMillis(1000), lateAfter)).isFalse();
		assertThat(LateWrites.isLate(stamped, stamped.plusMillis(1001), lateAfter)).isTrue();
		assertThat(LateWrites.isLate(stamped, stamped.minusMillis(5), lateAfter)).isFalse();
	}

	@Test
	void changesProperties_withoutSettings_haveTheDocumentedDefaults() {
		ChangesProperties properties = bind(Map.of());
		assertThat(properties.settleLag()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.lateAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.tombstoneRetention()).isEqualTo(Duration.ofDays(30));
		assertThat(properties.purgeInterval()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void changesProperties_retentionShorterThanADay_isRefused() {
		assertThatThrownBy(() -> bind(Map.of("sammen.events.changes.tombstone-retention", "1h")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("tombstone-retention");
	}

	private static ChangesProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("sammen.events.changes", ChangesProperties.class);
	}

}
