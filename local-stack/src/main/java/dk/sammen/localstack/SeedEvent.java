package dk.sammen.localstack;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * One sample event of the seed file: the request body of {@code POST /api/v1/events} (CONTRACT.md
 * section 3), except that an event recurring relative to the seed time has a {@code when} of
 * {@code {"weeksAhead": 1, "day": "TUESDAY", "start": "10:00", "end": "12:00"}} (Danish local
 * time) instead of {@code startsAt} and {@code endsAt}.
 */
public final class SeedEvent {

	/** The fields of the event request body, in the contract's order. */
	public static final List<String> BODY_FIELDS = List.of("title", "description", "programme", "campaign",
			"startsAt", "endsAt", "location", "online", "arenas", "interventionTypes", "targetGroups", "languages",
			"priceDkk", "capacity", "registrationUrl", "accessibility");

	static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	private final ObjectNode definition;

	SeedEvent(ObjectNode definition) {
		this.definition = definition;
	}

	public String title() {
		return this.definition.path("title").asText();
	}

	public String programme() {
		return this.definition.path("programme").asText();
	}

	/** Whether its dates are relative to the seed time rather than fixed. */
	public boolean isRelative() {
		return this.definition.has("when");
	}

	/** The {@code location.kommuneCode}, or {@code null} for an online-only event. */
	public @Nullable String kommuneCode() {
		JsonNode code = this.definition.path("location").path("kommuneCode");
		return code.isTextual() ? code.asText() : null;
	}

	public OffsetDateTime startsAt(ZonedDateTime seedTime) {
		return isRelative() ? relative(seedTime, "start") : fixed("startsAt");
	}

	public OffsetDateTime endsAt(ZonedDateTime seedTime) {
		return isRelative() ? relative(seedTime, "end") : fixed("endsAt");
	}

	/** The field names of the definition as written in the seed file. */
	public List<String> definedFields() {
		return List.copyOf(this.definition.properties().stream().map(Map.Entry::getKey).toList());
	}

	/** The request body for an event seeded at the given time, with every contract field. */
	public ObjectNode body(ZonedDateTime seedTime) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		for (String field : BODY_FIELDS) {
			body.set(field, this.definition.path(field).isMissingNode() ? NullNode.instance : this.definition.get(field));
		}
		body.put("startsAt", startsAt(seedTime).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		body.put("endsAt", endsAt(seedTime).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		return body;
	}

	private OffsetDateTime fixed(String field) {
		return OffsetDateTime.parse(this.definition.path(field).asText());
	}

	/** In the given week after the seed time's week, so always in the future. */
	private OffsetDateTime relative(ZonedDateTime seedTime, String timeField) {
		JsonNode when = this.definition.path("when");
		DayOfWeek day = DayOfWeek.valueOf(when.path("day").asText().toUpperCase(Locale.ROOT));
		LocalDate date = seedTime.withZoneSameInstant(DANISH_TIME)
			.toLocalDate()
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.plusWeeks(when.path("weeksAhead").asLong())
			.with(TemporalAdjusters.nextOrSame(day));
		LocalTime time = LocalTime.parse(when.path(timeField).asText());
		// through the zone, so that the offset is right on both sides of a daylight saving change
		return ZonedDateTime.of(date, time, DANISH_TIME).toOffsetDateTime();
	}

	@Override
	public String toString() {
		return title();
	}

}
