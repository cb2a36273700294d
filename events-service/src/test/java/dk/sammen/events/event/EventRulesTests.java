package dk.sammen.events.event;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.FieldViolation;
import dk.sammen.platform.problem.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EventRulesTests {

	private final EventRules rules = new EventRules(Kommuner.load());

	static EventRequest meal() {
		return new EventRequest(null, "Fællesspisning i Medborgerhuset", "<p>Kom og spis med</p>", "danmark-spiser-sammen",
				"vaer-en-som-raekker-ud", OffsetDateTime.parse("2027-04-29T17:30:00+02:00"),
				OffsetDateTime.parse("2027-04-29T20:00:00+02:00"),
				new EventRequest.LocationRequest("Medborgerhuset", "Nørregade 1", "7500", "Holstebro", "0661", 56.36,
						8.62),
				null, List.of("fritid-og-faellesskaber"), List.of("socialt-netvaerk"), List.of("aeldre", "alle"),
				List.of("da"), 0, 40, "https://example.dk/tilmeld", List.of("wheelchair", "hearing-loop"),
				List.of("kom-alene", "bordvaert"), "Spørg efter Karen ved døren; hun viser dig til bordet.",
				"Bus 3 holder ved døren. Flextur kan bestilles.", null);
	}

	@Test
	void validate_contractExample_derivesRegionAndKeepsFields() {
		EventDetails details = this.rules.validate(meal());
		assertThat(details.location().regionCode()).isEqualTo("1082");
		assertThat(details.startsAt()).hasToString("2027-04-29T15:30:00Z");
		assertThat(details.targetGroups()).containsExactly("aeldre", "alle");
	}

	@Test
	void validate_welcome_keepsFlagsAndNotes() {
		EventDetails details = this.rules.validate(meal());
		assertThat(details.welcome()).containsExactly("kom-alene", "bordvaert");
		assertThat(details.welcomeNote()).startsWith("Spørg efter Karen");
		assertThat(details.transportNote()).startsWith("Bus 3");
	}

	@Test
	void validate_blankNotesAndNoWelcome_readAsNothing() {
		EventRequest m = meal();
		EventRequest request = new EventRequest(null, m.title(), m.description(), m.programme(), m.campaign(), m.startsAt(),
				m.endsAt(), m.location(), null, null, null, null, null, null, null, null, null, null, "  ", "", null);
		EventDetails details = this.rules.validate(request);
		assertThat(details.welcome()).isEmpty();
		assertThat(details.welcomeNote()).isNull();
		assertThat(details.transportNote()).isNull();
	}

	@Test
	void validate_danmarkSpiserSammenOutsideWeeks17And45_namesStartsAt() {
		EventRequest request = withTimes(meal(), "2027-05-03T17:30:00+02:00", "2027-05-03T20:00:00+02:00");
		assertThat(violations(request)).extracting(FieldViolation::field).containsExactly("startsAt");
	}

	@Test
	void validate_sameDateForAnotherProgramme_isFine() {
		EventRequest request = withTimes(meal(), "2027-05-03T17:30:00+02:00", "2027-05-03T20:00:00+02:00");
		EventRequest local = new EventRequest(null, request.title(), request.description(), "local-partnership", null,
				request.startsAt(), request.endsAt(), request.location(), null, request.arenas(),
				request.interventionTypes(), request.targetGroups(), request.languages(), 0, 40, null, List.of(), null, null,
				null, null);
		assertThat(this.rules.validate(local).programme()).isEqualTo("local-partnership");
	}

	@Test
	void validate_endBeforeStart_namesEndsAt() {
		EventRequest request = withTimes(meal(), "2027-04-29T20:00:00+02:00", "2027-04-29T17:30:00+02:00");
		assertThat(violations(request)).extracting(FieldViolation::field).containsExactly("endsAt");
	}

	@Test
	void validate_unknownSlugsAndBadLocation_reportsEveryField() {
		EventRequest bad = new EventRequest(null, " ", null, "fest", "Not A Slug", null, null,
				new EventRequest.LocationRequest("Hal", "Vej 1", "75", "By", "9999", 10.0, null), null,
				List.of("sport"), List.of("socialt-netvaerk", "socialt-netvaerk"), List.of("katte"), List.of("dansk"),
				-5, 0, "javascript:alert(1)", List.of("elevator"), List.of("kom-alene", "velkomstkomite"), "\u0007",
				"x".repeat(501), null);
		assertThat(violations(bad)).extracting(FieldViolation::field)
			.contains("title", "programme", "campaign", "startsAt", "endsAt", "location.postalCode",
					"location.kommuneCode", "location.lat", "arenas", "interventionTypes", "targetGroups",
					"languages", "priceDkk", "capacity", "registrationUrl", "accessibility", "welcome", "welcomeNote",
					"transportNote");
	}

	@Test
	void validate_neitherLocationNorOnline_isRejected() {
		EventRequest m = meal();
		EventRequest request = new EventRequest(null, m.title(), m.description(), "other", null, m.startsAt(), m.endsAt(),
				null, null, null, null, null, null, null, null, null, null, null, null, null, null);
		assertThat(violations(request)).extracting(FieldViolation::field).containsExactly("location");
	}

	@Test
	void validate_onlineOnlyWithPublicUrl_isAccepted() {
		EventRequest m = meal();
		EventRequest request = new EventRequest(null, m.title(), m.description(), "other", null, m.startsAt(), m.endsAt(),
				null, new EventRequest.OnlineRequest("https://meet.example.dk/rum"), null, null, null, null, null,
				null, null, null, null, null, null, null);
		assertThat(this.rules.validate(request).online().url()).isEqualTo("https://meet.example.dk/rum");
	}

	@Test
	void validate_scriptInDescription_isStrippedButSafeMarkupKept() {
		EventRequest m = meal();
		EventRequest request = new EventRequest(null, m.title(),
				"<p onclick=\"x()\">Hej <strong>alle</strong><script>alert(1)</script> <a href=\"javascript:x\">x</a></p>",
				m.programme(), null, m.startsAt(), m.endsAt(), m.location(), null, null, null, null, null, null, null,
				null, null, null, null, null, null);
		String description = this.rules.validate(request).description();
		assertThat(description).contains("<strong>alle</strong>").doesNotContain("script", "onclick", "javascript");
	}

	@Test
	void validate_controlCharactersInTitle_areRejected() {
		EventRequest m = meal();
		EventRequest request = new EventRequest(null, "Fest\u0000\r\nBcc: x@example.dk", null, m.programme(), null,
				m.startsAt(), m.endsAt(), m.location(), null, null, null, null, null, null, null, null, null, null, null,
				null, null);
		assertThat(violations(request)).extracting(FieldViolation::field).containsExactly("title");
	}

	private List<FieldViolation> violations(EventRequest request) {
		return catchThrowableOfType(InvalidInputException.class, () -> this.rules.validate(request)).violations();
	}

	private static EventRequest withTimes(EventRequest m, String startsAt, String endsAt) {
		return new EventRequest(null, m.title(), m.description(), m.programme(), m.campaign(),
				OffsetDateTime.parse(startsAt), OffsetDateTime.parse(endsAt), m.location(), m.online(), m.arenas(),
				m.interventionTypes(), m.targetGroups(), m.languages(), m.priceDkk(), m.capacity(),
				m.registrationUrl(), m.accessibility(), m.welcome(), m.welcomeNote(), m.transportNote(), null);
	}

}
