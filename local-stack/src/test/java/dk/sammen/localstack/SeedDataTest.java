package dk.sammen.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeedDataTest {

	private static final ZonedDateTime SEED_TIME = ZonedDateTime.of(2026, 5, 20, 9, 0, 0, 0, SeedEvent.DANISH_TIME);

	private static final Set<String> PROGRAMMES = Set.of("danmark-spiser-sammen", "vaer-en-som-raekker-ud",
			"local-partnership", "other");

	private static final Set<String> ARENAS = Set.of("hjem-og-bolig", "dagtilbud-skole-og-uddannelse",
			"fritid-og-faellesskaber", "arbejdsliv-og-beskaeftigelse", "sundhed-og-pleje");

	private static final Set<String> INTERVENTION_TYPES = Set.of("socialt-netvaerk", "personlig-social-stoette",
			"social-og-emotionel-faerdighedstraening", "psykologisk-behandling", "psykoedukation");

	private static final Set<String> TARGET_GROUPS = Set.of("boern", "unge", "voksne", "aeldre", "paaroerende",
			"alle");

	private static final Set<String> KINDS = Set.of("kommune", "region", "forening", "fond", "styrelse",
			"virksomhed", "andet");

	private final SeedData data = SeedData.load();

	@Test
	void load_hasAboutEightOrganisationsAndThirtyEvents() {
		assertThat(this.data.organisations()).hasSize(8);
		assertThat(this.data.events()).hasSizeBetween(25, 40);
	}

	@Test
	void organisations_haveValidUniqueCvrNumbers() {
		List<String> cvrs = this.data.organisations().stream().map(SeedOrganisation::cvr).toList();

		assertThat(cvrs).allSatisfy((cvr) -> assertThat(Cvr.isValid(cvr)).as(cvr).isTrue()).doesNotHaveDuplicates();
	}

	@Test
	void organisations_haveAKnownKindAndAnExampleContactAddress() {
		assertThat(this.data.organisations()).allSatisfy((organisation) -> {
			assertThat(organisation.kind()).isIn(KINDS);
			assertThat(organisation.contactEmail()).matches("[a-z0-9.\\-]+@example\\.(dk|org)");
			assertThat(organisation.body().properties()).extracting(Map.Entry::getKey)
				.containsExactly("name", "cvr", "kind", "contactEmail");
		});
	}

	@Test
	void dsmMeals_startInIsoWeek17Or45OfTheirYearInDanishTime() {
		List<SeedEvent> meals = this.data.events()
			.stream()
			.filter((event) -> event.programme().equals("danmark-spiser-sammen"))
			.toList();

		assertThat(meals).hasSizeGreaterThanOrEqualTo(15);
		assertThat(meals).allSatisfy((meal) -> {
			ZonedDateTime start = meal.startsAt(SEED_TIME).atZoneSameInstant(SeedEvent.DANISH_TIME);
			assertThat(start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)).as(meal.title()).isIn(17, 45);
			assertThat(start.getYear()).isEqualTo(2027);
		});
		Set<Integer> weeks = meals.stream()
			.map((meal) -> meal.startsAt(SEED_TIME).atZoneSameInstant(SeedEvent.DANISH_TIME))
			.map((start) -> start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
			.collect(Collectors.toSet());
		assertThat(weeks).containsExactlyInAnyOrder(17, 45);
	}

	@Test
	void isoWeeks17And45Of2027_areTheDatesTheSeedFileUses() {
		LocalDate week17 = LocalDate.of(2027, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 17).with(DayOfWeek.MONDAY);
		LocalDate week45 = LocalDate.of(2027, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 45).with(DayOfWeek.MONDAY);

		assertThat(week17).isEqualTo(LocalDate.of(2027, 4, 26));
		assertThat(week17.plusDays(6)).isEqualTo(LocalDate.of(2027, 5, 2));
		assertThat(week45).isEqualTo(LocalDate.of(2027, 11, 8));
		assertThat(week45.plusDays(6)).isEqualTo(LocalDate.of(2027, 11, 14));
	}

	@Test
	void events_carryTheDanishOffsetOfTheirDateAndEndAfterTheyStart() {
		assertThat(this.data.events()).allSatisfy((event) -> {
			OffsetDateTime start = event.startsAt(SEED_TIME);
			OffsetDateTime end = event.endsAt(SEED_TIME);
			assertThat(start.getOffset()).as(event.title())
				.isEqualTo(SeedEvent.DANISH_TIME.getRules().getOffset(start.toInstant()));
			assertThat(end.getOffset()).isEqualTo(SeedEvent.DANISH_TIME.getRules().getOffset(end.toInstant()));
			assertThat(end).as(event.title()).isAfter(start);
		});
	}

	@Test
	void fixedDates_inAprilAreSummerTimeAndInNovemberWinterTime() {
		assertThat(this.data.events()).filteredOn((event) -> !event.isRelative()).allSatisfy((event) -> {
			OffsetDateTime start = event.startsAt(SEED_TIME);
			ZoneOffset expected = (start.getMonthValue() == 11) ? ZoneOffset.ofHours(1) : ZoneOffset.ofHours(2);
			assertThat(start.getOffset()).as(event.title()).isEqualTo(expected);
		});
	}

	@Test
	void relativeEvents_fallInTheComingWeeks() {
		List<SeedEvent> relative = this.data.events().stream().filter(SeedEvent::isRelative).toList();

		assertThat(relative).hasSizeGreaterThanOrEqualTo(8);
		assertThat(relative).allSatisfy((event) -> assertThat(event.startsAt(SEED_TIME))
			.isAfter(SEED_TIME.toOffsetDateTime())
			.isBefore(SEED_TIME.plusWeeks(5).toOffsetDateTime()));
	}

	@Test
	void relativeEvents_seededJustBeforeSummerTime_getTheSummerOffset() {
		// Thursday before the change to summer time on Sunday 28 March 2027
		ZonedDateTime seedTime = ZonedDateTime.of(2027, 3, 25, 12, 0, 0, 0, SeedEvent.DANISH_TIME);

		assertThat(this.data.events()).filteredOn(SeedEvent::isRelative)
			.allSatisfy((event) -> assertThat(event.startsAt(seedTime).getOffset()).isEqualTo(ZoneOffset.ofHours(2)));
	}

	@Test
	void events_useKommuneCodesFromTheReferenceListAndFourDigitPostalCodes() throws IOException {
		Set<String> kommuneCodes = kommuneCodes();

		assertThat(this.data.events()).allSatisfy((event) -> {
			JsonNode location = event.body(SEED_TIME).path("location");
			if (location.isNull()) {
				assertThat(event.body(SEED_TIME).path("online").path("url").asText()).startsWith("https://");
				return;
			}
			assertThat(event.kommuneCode()).as(event.title()).isIn(kommuneCodes);
			assertThat(location.path("postalCode").asText()).matches("\\d{4}");
			assertThat(location.path("lat").asDouble()).isBetween(54.5, 57.8);
			assertThat(location.path("lon").asDouble()).isBetween(8.0, 15.2);
		});
	}

	@Test
	void events_spreadAcrossTheCountry() {
		Set<String> kommuner = this.data.events()
			.stream()
			.map(SeedEvent::kommuneCode)
			.filter((code) -> code != null)
			.collect(Collectors.toSet());

		assertThat(kommuner).hasSizeGreaterThanOrEqualTo(12).contains("0661", "0740", "0329", "0101", "0751", "0461", "0851");
	}

	@Test
	void events_useOnlyTheContractsVocabularies() {
		assertThat(this.data.events()).allSatisfy((event) -> {
			ObjectNode body = event.body(SEED_TIME);
			assertThat(body.path("programme").asText()).isIn(PROGRAMMES);
			assertThat(texts(body.path("arenas"))).isNotEmpty().isSubsetOf(ARENAS);
			assertThat(texts(body.path("interventionTypes"))).isNotEmpty().isSubsetOf(INTERVENTION_TYPES);
			assertThat(texts(body.path("targetGroups"))).isNotEmpty().isSubsetOf(TARGET_GROUPS);
			assertThat(body.path("campaign").isNull() || body.path("campaign").asText().equals("vaer-en-som-raekker-ud"))
				.isTrue();
		});
		assertThat(this.data.events()).filteredOn((event) -> !event.body(SEED_TIME).path("campaign").isNull())
			.hasSizeGreaterThanOrEqualTo(3);
	}

	@Test
	void body_hasExactlyTheContractFieldsInOrder() {
		assertThat(this.data.events()).allSatisfy((event) -> {
			assertThat(event.definedFields()).isSubsetOf(withWhen());
			assertThat(event.body(SEED_TIME).properties()).extracting(Map.Entry::getKey)
				.containsExactlyElementsOf(SeedEvent.BODY_FIELDS);
		});
	}

	private static List<String> withWhen() {
		List<String> fields = new ArrayList<>(SeedEvent.BODY_FIELDS);
		fields.add("when");
		return fields;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((item) -> texts.add(item.asText()));
		return texts;
	}

	static Set<String> kommuneCodes() throws IOException {
		try (InputStream in = SeedDataTest.class.getResourceAsStream("/kommuner.csv")) {
			assertThat(in).isNotNull();
			List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
			Set<String> codes = new HashSet<>();
			lines.forEach((line) -> codes.add(line.substring(0, line.indexOf(','))));
			assertThat(codes).hasSize(98);
			return codes;
		}
	}

}
