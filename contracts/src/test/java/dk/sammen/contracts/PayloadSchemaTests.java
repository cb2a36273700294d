package dk.sammen.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dk.sammen.contracts.apikey.ApiKeyIssuedV1;
import dk.sammen.contracts.apikey.ApiKeyRevokedV1;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.contracts.event.EventUpdatedV1;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas under {@code schemas/} describe exactly what the payload records serialize to,
 * so a consumer in another language can validate what it reads from Kafka.
 */
class PayloadSchemaTests {

	/** What Spring Boot 4 starts from: Jackson 3 defaults, which write instants as ISO-8601 strings. */
	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> TYPES = List.of(CloudEventTypes.EVENT_PUBLISHED_V1,
			CloudEventTypes.EVENT_UPDATED_V1, CloudEventTypes.EVENT_CANCELLED_V1, CloudEventTypes.API_KEY_ISSUED_V1,
			CloudEventTypes.API_KEY_REVOKED_V1);

	private static final Instant CREATED = Instant.parse("2027-03-01T09:15:00Z");

	@Test
	void writesIso8601Utc_forInstantWithBootDefaults() {
		assertThat(json.writeValueAsString(Instant.parse("2027-04-29T15:30:00Z")))
			.isEqualTo("\"2027-04-29T15:30:00Z\"");
		assertThat(json.writeValueAsString(Instant.parse("2027-04-29T15:30:00.123456789Z")))
			.isEqualTo("\"2027-04-29T15:30:00.123456789Z\"");
	}

	@ParameterizedTest
	@MethodSource("types")
	void declaresTypeAndDraft202012_forEachCloudEventType(String type) {
		JsonNode schema = PayloadSchemas.schema(type).getSchemaNode();
		assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(schema.get("title").asString()).isEqualTo(type);
		assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
	}

	@Test
	void inlinesIdenticalSnapshot_inEveryEventSchema() {
		JsonNode published = PayloadSchemas.schema(CloudEventTypes.EVENT_PUBLISHED_V1).getSchemaNode().get("$defs");
		assertThat(PayloadSchemas.schema(CloudEventTypes.EVENT_UPDATED_V1).getSchemaNode().get("$defs")).isEqualTo(published);
		assertThat(PayloadSchemas.schema(CloudEventTypes.EVENT_CANCELLED_V1).getSchemaNode().get("$defs")).isEqualTo(published);
	}

	@Test
	void accepts_publishedEventWithLocation() {
		assertValid(CloudEventTypes.EVENT_PUBLISHED_V1, new EventPublishedV1(holstebroDinner("published")));
	}

	@Test
	void accepts_onlineOnlyEventWithNullOptionals() {
		EventSnapshotV1 online = new EventSnapshotV1("evt-2", "org-7", "Ensomhedsnetværket", "published", 1,
				"Online café for pårørende", "", "other", null, Instant.parse("2027-11-04T18:00:00Z"),
				Instant.parse("2027-11-04T19:30:00.250Z"), null,
				new EventSnapshotV1.OnlineV1("https://example.dk/cafe"), List.of(), List.of(), List.of("paaroerende"),
				List.of("da", "en"), null, null, null, List.of(), CREATED, CREATED);
		assertValid(CloudEventTypes.EVENT_PUBLISHED_V1, new EventPublishedV1(online));
	}

	@Test
	void accepts_updatedEventWithLocationAndOnlineWithoutCoordinates() {
		EventSnapshotV1 dinner = holstebroDinner("published");
		EventSnapshotV1 hybrid = new EventSnapshotV1(dinner.id(), dinner.organisationId(), dinner.organisationName(),
				dinner.status(), 3, dinner.title(), dinner.description(), dinner.programme(), dinner.campaign(),
				dinner.startsAt(), dinner.endsAt(),
				new EventSnapshotV1.LocationV1("Medborgerhuset", "Nørregade 1", "7500", "Holstebro", "0661", "1082",
						null, null),
				new EventSnapshotV1.OnlineV1("https://example.dk/live"), dinner.arenas(), dinner.interventionTypes(),
				dinner.targetGroups(), dinner.languages(), 25, 60, dinner.registrationUrl(), dinner.accessibility(),
				dinner.createdAt(), Instant.parse("2027-04-01T08:00:00.123456Z"));
		assertValid(CloudEventTypes.EVENT_UPDATED_V1, new EventUpdatedV1(hybrid));
	}

	@Test
	void accepts_eventWithWelcomeFlagsAndNotes() {
		EventSnapshotV1 dinner = holstebroDinner("published");
		EventSnapshotV1 welcoming = new EventSnapshotV1(dinner.id(), dinner.organisationId(),
				dinner.organisationName(), dinner.status(), dinner.version(), dinner.title(), dinner.description(),
				dinner.programme(), dinner.campaign(), dinner.startsAt(), dinner.endsAt(), dinner.location(), null,
				dinner.arenas(), dinner.interventionTypes(), dinner.targetGroups(), dinner.languages(), 0, 40, null,
				List.of("hearing-loop"), List.of("kom-alene", "foelgeskab"), "Spørg efter Karen ved døren.",
				"Bus 3 holder ved døren.", CREATED, CREATED);
		assertValid(CloudEventTypes.EVENT_PUBLISHED_V1, new EventPublishedV1(welcoming));
	}

	@Test
	void accepts_recurringEventWithExceptionsAndACancelledOccurrence() {
		assertValid(CloudEventTypes.EVENT_UPDATED_V1, new EventUpdatedV1(tuesdayCoffee()));
	}

	@Test
	void accepts_snapshotWithoutSchedule_asPayloadsBeforeItExisted() {
		ObjectNode old = serialize(new EventPublishedV1(holstebroDinner("published")));
		event(old).remove("schedule");
		assertThat(PayloadSchemas.validate(CloudEventTypes.EVENT_PUBLISHED_V1, old)).isEmpty();
	}

	@Test
	void accepts_snapshotWithoutWelcomeProperties_asPayloadsBeforeTheyExisted() {
		ObjectNode old = serialize(new EventPublishedV1(holstebroDinner("published")));
		event(old).remove(List.of("welcome", "welcomeNote", "transportNote"));
		assertThat(PayloadSchemas.validate(CloudEventTypes.EVENT_PUBLISHED_V1, old)).isEmpty();
	}

	@Test
	void accepts_cancelledEvent() {
		assertValid(CloudEventTypes.EVENT_CANCELLED_V1,
				new EventCancelledV1(holstebroDinner("cancelled"), "Lokalet er desværre oversvømmet"));
	}

	@Test
	void accepts_apiKeyIssued() {
		assertValid(CloudEventTypes.API_KEY_ISSUED_V1, apiKeyIssued());
	}

	@Test
	void accepts_apiKeyRevoked() {
		assertValid(CloudEventTypes.API_KEY_REVOKED_V1,
				new ApiKeyRevokedV1("key-42", "org-1", Instant.parse("2027-05-02T10:00:00Z")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("violations")
	void rejects_violatingPayload(Violation violation) {
		ObjectNode node = serialize(violation.payload());
		violation.change().accept(node);
		assertThat(PayloadSchemas.validate(violation.type(), node)).extracting(PayloadSchemaTests::describe)
			.as("errors for %s", violation.name())
			.contains(violation.expected());
	}

	@ParameterizedTest
	@ValueSource(strings = { "661", "06610", "O661", "" })
	void rejects_malformedKommuneCode(String kommuneCode) {
		ObjectNode node = serialize(new EventPublishedV1(holstebroDinner("published")));
		location(node).put("kommuneCode", kommuneCode);
		assertThat(PayloadSchemas.validate(CloudEventTypes.EVENT_PUBLISHED_V1, node)).extracting(PayloadSchemaTests::describe)
			.contains("pattern@/event/location/kommuneCode");
	}

	static Stream<String> types() {
		return TYPES.stream();
	}

	static Stream<Violation> violations() {
		EventPublishedV1 published = new EventPublishedV1(holstebroDinner("published"));
		EventUpdatedV1 recurring = new EventUpdatedV1(tuesdayCoffee());
		String updatedType = CloudEventTypes.EVENT_UPDATED_V1;
		EventCancelledV1 cancelled = new EventCancelledV1(holstebroDinner("cancelled"), "Aflyst");
		String publishedType = CloudEventTypes.EVENT_PUBLISHED_V1;
		return Stream.of(
				new Violation("unknown top-level property", publishedType, published,
						(node) -> node.put("eventId", "evt-1"), "additionalProperties@ eventId"),
				new Violation("unknown snapshot property", publishedType, published,
						(node) -> event(node).put("internalNote", "x"), "additionalProperties@/event internalNote"),
				new Violation("unknown location property", publishedType, published,
						(node) -> location(node).put("floor", 2), "additionalProperties@/event/location floor"),
				new Violation("unknown programme", publishedType, published,
						(node) -> event(node).put("programme", "danmark-spiser"), "enum@/event/programme"),
				new Violation("unknown arena", publishedType, published,
						(node) -> event(node).putArray("arenas").add("skole"), "enum@/event/arenas/0"),
				new Violation("unknown intervention type", publishedType, published,
						(node) -> event(node).putArray("interventionTypes").add("gruppeterapi"),
						"enum@/event/interventionTypes/0"),
				new Violation("unknown target group", publishedType, published,
						(node) -> event(node).putArray("targetGroups").add("teenagere"), "enum@/event/targetGroups/0"),
				new Violation("unknown welcome flag", publishedType, published,
						(node) -> event(node).putArray("welcome").add("velkomstkomite"), "enum@/event/welcome/0"),
				new Violation("empty welcome note", publishedType, published,
						(node) -> event(node).put("welcomeNote", ""), "minLength@/event/welcomeNote"),
				new Violation("daily rule", updatedType, recurring,
						(node) -> schedule(node).put("rrule", "FREQ=DAILY"), "pattern@/event/schedule/rrule"),
				new Violation("exception date with a time", updatedType, recurring,
						(node) -> schedule(node).putArray("exdates").add("2026-12-22T10:00:00Z"),
						"format@/event/schedule/exdates/0"),
				new Violation("cancelled occurrence without reason", updatedType, recurring,
						(node) -> ((ObjectNode) schedule(node).get("cancelled").get(0)).remove("reason"),
						"required@/event/schedule/cancelled/0 reason"),
				new Violation("unknown schedule property", updatedType, recurring,
						(node) -> schedule(node).put("timezone", "UTC"), "additionalProperties@/event/schedule timezone"),
				new Violation("unknown status", publishedType, published,
						(node) -> event(node).put("status", "archived"), "enum@/event/status"),
				new Violation("draft status on published", publishedType, published,
						(node) -> event(node).put("status", "draft"), "const@/event/status"),
				new Violation("published status on cancelled", CloudEventTypes.EVENT_CANCELLED_V1, cancelled,
						(node) -> event(node).put("status", "published"), "const@/event/status"),
				new Violation("region outside 1081-1085", publishedType, published,
						(node) -> location(node).put("regionCode", "1086"), "enum@/event/location/regionCode"),
				new Violation("postal code of three digits", publishedType, published,
						(node) -> location(node).put("postalCode", "750"), "pattern@/event/location/postalCode"),
				new Violation("missing organisationId", publishedType, published,
						(node) -> event(node).remove("organisationId"), "required@/event organisationId"),
				new Violation("missing nullable campaign", publishedType, published,
						(node) -> event(node).remove("campaign"), "required@/event campaign"),
				new Violation("missing reason", CloudEventTypes.EVENT_CANCELLED_V1, cancelled,
						(node) -> node.remove("reason"), "required@ reason"),
				new Violation("neither location nor online", publishedType, published,
						(node) -> event(node).putNull("location"), "type@/event/online"),
				new Violation("local time without offset", publishedType, published,
						(node) -> event(node).put("startsAt", "2027-04-29T17:30:00"), "format@/event/startsAt"),
				new Violation("epoch seconds instead of ISO-8601", publishedType, published,
						(node) -> event(node).put("startsAt", 1808991000), "type@/event/startsAt"),
				new Violation("negative price", publishedType, published,
						(node) -> event(node).put("priceDkk", -5), "minimum@/event/priceDkk"),
				new Violation("unknown role", CloudEventTypes.API_KEY_ISSUED_V1, apiKeyIssued(),
						(node) -> node.put("role", "owner"), "enum@/role"),
				new Violation("upper-case sha256", CloudEventTypes.API_KEY_ISSUED_V1, apiKeyIssued(),
						(node) -> node.put("sha256", node.get("sha256").asString().toUpperCase()), "pattern@/sha256"),
				new Violation("the key instead of its hash", CloudEventTypes.API_KEY_ISSUED_V1, apiKeyIssued(),
						(node) -> node.put("sha256", "smn_0123456789abcdef"), "pattern@/sha256"),
				new Violation("unknown api key property", CloudEventTypes.API_KEY_ISSUED_V1, apiKeyIssued(),
						(node) -> node.put("apiKey", "smn_secret"), "additionalProperties@ apiKey"),
				new Violation("missing revokedAt", CloudEventTypes.API_KEY_REVOKED_V1,
						new ApiKeyRevokedV1("key-42", "org-1", CREATED), (node) -> node.remove("revokedAt"),
						"required@ revokedAt"));
	}

	private static EventSnapshotV1 holstebroDinner(String status) {
		return new EventSnapshotV1("evt-1", "org-1", "Holstebro Kommune", status, 2,
				"Fællesspisning i Medborgerhuset", "Kom og spis med – alle er velkomne.", "danmark-spiser-sammen",
				"vaer-en-som-raekker-ud", Instant.parse("2027-04-29T15:30:00Z"), Instant.parse("2027-04-29T18:00:00Z"),
				new EventSnapshotV1.LocationV1("Medborgerhuset", "Nørregade 1", "7500", "Holstebro", "0661", "1082",
						56.36, 8.62),
				null, List.of("fritid-og-faellesskaber"), List.of("socialt-netvaerk"), List.of("aeldre", "alle"),
				List.of("da"), 0, 40, "https://example.dk/tilmeld", List.of("wheelchair"), CREATED,
				Instant.parse("2027-03-02T11:00:00Z"));
	}

	/** Coffee and a chat every Tuesday, not in the Christmas week, one Tuesday called off. */
	private static EventSnapshotV1 tuesdayCoffee() {
		EventSnapshotV1 dinner = holstebroDinner("published");
		return new EventSnapshotV1(dinner.id(), dinner.organisationId(), dinner.organisationName(), "published", 5,
				"Kaffe og en snak", "Hver tirsdag formiddag.", "local-partnership", null,
				Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T11:00:00Z"), dinner.location(), null,
				dinner.arenas(), dinner.interventionTypes(), dinner.targetGroups(), dinner.languages(), 0, null, null,
				List.of(), List.of("kom-alene"), null, null,
				new EventSnapshotV1.ScheduleV1("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T215959Z",
						List.of(LocalDate.parse("2026-12-22"), LocalDate.parse("2026-12-29")),
						List.of(new EventSnapshotV1.CancelledOccurrenceV1(LocalDate.parse("2027-02-09"),
								"Vinterferie")),
						Instant.parse("2027-06-29T09:00:00Z")),
				Instant.parse("2027-03-15T09:00:00Z"), CREATED, CREATED);
	}

	private static ApiKeyIssuedV1 apiKeyIssued() {
		return new ApiKeyIssuedV1("key-42", "org-1", "partner",
				"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", CREATED);
	}

	private static ObjectNode serialize(Object payload) {
		// Through text, as the payload travels: what the schema sees is exactly the wire form
		return (ObjectNode) json.readTree(json.writeValueAsString(payload));
	}

	private static void assertValid(String type, Object payload) {
		assertThat(PayloadSchemas.validate(type, serialize(payload))).isEmpty();
	}

	private static ObjectNode event(ObjectNode payload) {
		return (ObjectNode) payload.get("event");
	}

	private static ObjectNode schedule(ObjectNode payload) {
		return (ObjectNode) event(payload).get("schedule");
	}

	private static ObjectNode location(ObjectNode payload) {
		return (ObjectNode) event(payload).get("location");
	}

	/** {@code keyword@/pointer [property]}, e.g. {@code required@/event campaign}; the root is an empty pointer. */
	private static String describe(Error error) {
		return error.getKeyword() + "@" + error.getInstanceLocation()
				+ ((error.getProperty() != null) ? " " + error.getProperty() : "");
	}

	/** A payload made invalid by {@code change}, expected to fail as {@code expected} ({@code keyword@pointer}). */
	record Violation(String name, String type, Object payload, Consumer<ObjectNode> change, String expected) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
