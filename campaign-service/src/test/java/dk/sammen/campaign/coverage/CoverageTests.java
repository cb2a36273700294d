package dk.sammen.campaign.coverage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.campaign.CampaignIntegrationTest;
import dk.sammen.campaign.EventsTopic;
import dk.sammen.contracts.CloudEventTypes;
import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventCancelledV1;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.localstack.TopicReader;
import dk.sammen.platform.consumer.DeadLetterTopics;
import dk.sammen.platform.geography.GeoPoint;
import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage fed through the real broker: a known set of partner events in March 2033 (a month no
 * other test uses) and the counts, gaps, CSV, map and reach computed from them.
 */
class CoverageTests extends CampaignIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Kommuner kommuner = Kommuner.load();

	private static final String PERIOD = "from=2033-03-01&to=2033-03-31";

	/** Every record of the data set goes to this partition, so the last one read means all were. */
	private static final int PARTITION = 3;

	private static final String HOLSTEBRO = "0661";

	private static final GeoPoint VENUE_IN_HOLSTEBRO = new GeoPoint(56.40, 8.75);

	private static final String ORG_A = "org-a-" + UUID.randomUUID();

	private static final String ORG_B = "org-b-" + UUID.randomUUID();

	private static final String ORG_C = "org-c-" + UUID.randomUUID();

	private static final String ORG_D = "org-d-" + UUID.randomUUID();

	private static boolean fed;

	private final EventsTopic topic = new EventsTopic();

	@AfterEach
	void close() {
		this.topic.close();
	}

	@BeforeAll
	static void resetFed() {
		fed = false;
	}

	/**
	 * In the period: three offers in Holstebro (two organisations, two free; one at a venue with
	 * coordinates, two placed at the kommune's reference point), one in København (joined the
	 * campaign), one online only. Not counted: a cancelled one in Aarhus, one in May in Aalborg, an
	 * older snapshot that would move a Holstebro offer to Aalborg, a redelivered CloudEvent.
	 */
	private void feed() {
		if (fed) {
			return;
		}
		Instant march10 = Instant.parse("2033-03-10T16:00:00Z");
		send(CloudEventTypes.EVENT_PUBLISHED_V1, snapshot("e1", ORG_A, "published", 2, "local-partnership", null,
				march10, HOLSTEBRO, VENUE_IN_HOLSTEBRO, List.of("fritid-og-faellesskaber"), List.of("socialt-netvaerk"),
				List.of("aeldre"), 0));
		send(CloudEventTypes.EVENT_PUBLISHED_V1, snapshot("e2", ORG_B, "published", 2, "other", null,
				march10.plusSeconds(2 * 86400), HOLSTEBRO, null, List.of("sundhed-og-pleje", "fritid-og-faellesskaber"),
				List.of("personlig-social-stoette"), List.of("alle"), 50));
		String e3 = id("e3");
		send(CloudEventTypes.EVENT_UPDATED_V1, snapshot(e3, ORG_A, "published", 3, "local-partnership", null,
				march10.plusSeconds(10 * 86400), HOLSTEBRO, null, List.of("fritid-og-faellesskaber"),
				List.of("socialt-netvaerk"), List.of("unge"), 0));
		// late and older: must not move e3 to Aalborg
		send(CloudEventTypes.EVENT_PUBLISHED_V1, snapshot(e3, ORG_A, "published", 2, "local-partnership", null,
				march10.plusSeconds(10 * 86400), "0851", null, List.of("fritid-og-faellesskaber"),
				List.of("socialt-netvaerk"), List.of("unge"), 0));
		String e4Id = id("e4");
		byte[] e4 = json.writeValueAsBytes(new EventPublishedV1(snapshot(e4Id, ORG_C, "published", 2,
				"vaer-en-som-raekker-ud", "vaer-en-som-raekker-ud", march10.plusSeconds(5 * 86400), "0101", null,
				List.of("arbejdsliv-og-beskaeftigelse"), List.of("psykoedukation"), List.of("voksne"), 0)));
		String ceId = UUID.randomUUID().toString();
		this.topic.send(ceId, CloudEventTypes.EVENT_PUBLISHED_V1, e4Id, e4, PARTITION);
		this.topic.send(ceId, CloudEventTypes.EVENT_PUBLISHED_V1, e4Id, e4, PARTITION);
		String x1 = id("x1");
		send(CloudEventTypes.EVENT_PUBLISHED_V1, snapshot(x1, ORG_B, "published", 2, "other", null, march10, "0751",
				null, List.of("fritid-og-faellesskaber"), List.of(), List.of("alle"), 0));
		this.topic.send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_CANCELLED_V1, x1,
				json.writeValueAsBytes(new EventCancelledV1(snapshot(x1, ORG_B, "cancelled", 3, "other", null, march10,
						"0751", null, List.of("fritid-og-faellesskaber"), List.of(), List.of("alle"), 0), "Aflyst")),
				PARTITION);
		send(CloudEventTypes.EVENT_PUBLISHED_V1, snapshot("x2", ORG_B, "published", 2, "other", null,
				Instant.parse("2033-05-02T16:00:00Z"), "0851", null, List.of("fritid-og-faellesskaber"), List.of(),
				List.of("alle"), 0));
		// last on the partition: online only, no price given
		send(CloudEventTypes.EVENT_PUBLISHED_V1, snapshot("x4", ORG_D, "published", 2, "other", null,
				march10.minusSeconds(5 * 86400), null, null, List.of("hjem-og-bolig"), List.of("socialt-netvaerk"),
				List.of("alle"), null));
		awaitCoverage(PERIOD, (body) -> body.get("national").get("onlineOnly").asInt() == 1
				&& body.get("national").get("offers").get("events").asInt() == 5);
		fed = true;
	}

	@Test
	void coverage_knownEvents_everyCountPerKommuneRegionAndCountry() {
		feed();
		JsonNode body = getJson("/api/v1/coverage?" + PERIOD);
		artifact("coverage.json", body.toPrettyString());

		assertThat(body.get("withinKm").asDouble()).isEqualTo(10);
		assertThat(body.get("from").asString()).isEqualTo("2033-02-28T23:00:00Z");
		assertThat(body.get("to").asString()).isEqualTo("2033-03-31T22:00:00Z");
		JsonNode national = body.get("national");
		assertThat(national.get("offers").toString()).isEqualTo("{\"events\":5,\"organisations\":4,\"free\":3,"
				+ "\"byProgramme\":{\"danmark-spiser-sammen\":0,\"vaer-en-som-raekker-ud\":1,\"local-partnership\":2,\"other\":2},"
				+ "\"byArena\":{\"hjem-og-bolig\":1,\"dagtilbud-skole-og-uddannelse\":0,\"fritid-og-faellesskaber\":3,"
				+ "\"arbejdsliv-og-beskaeftigelse\":1,\"sundhed-og-pleje\":1},"
				+ "\"byInterventionType\":{\"socialt-netvaerk\":3,\"personlig-social-stoette\":1,"
				+ "\"social-og-emotionel-faerdighedstraening\":0,\"psykologisk-behandling\":0,\"psykoedukation\":1},"
				+ "\"byTargetGroup\":{\"boern\":0,\"unge\":1,\"voksne\":1,\"aeldre\":1,\"paaroerende\":0,\"alle\":2}}");
		assertThat(national.get("population").asInt()).isEqualTo(5_959_800);
		assertThat(national.get("kommuner").asInt()).isEqualTo(98);
		assertThat(national.get("kommunerWithOffers").asInt()).isEqualTo(2);
		assertThat(national.get("kommunerReachable").asInt()).isEqualTo(reachableKommuner(10));

		JsonNode holstebro = kommune(body, HOLSTEBRO);
		assertThat(holstebro.get("offers").get("events").asInt()).isEqualTo(3);
		assertThat(holstebro.get("offers").get("organisations").asInt()).isEqualTo(2);
		assertThat(holstebro.get("offers").get("free").asInt()).isEqualTo(2);
		assertThat(holstebro.get("offers").get("byArena").get("fritid-og-faellesskaber").asInt()).isEqualTo(3);
		assertThat(holstebro.get("offers").get("byArena").get("sundhed-og-pleje").asInt()).isEqualTo(1);
		assertThat(holstebro.get("offersWithinKm").asInt()).isEqualTo(3);
		assertThat(holstebro.get("nearestOfferKm").asDouble()).isEqualTo(0.0);
		assertThat(holstebro.get("reachable").asBoolean()).isTrue();
		assertThat(holstebro.get("population").asInt()).isEqualTo(59_000);

		JsonNode kobenhavn = kommune(body, "0101");
		assertThat(kobenhavn.get("offers").get("events").asInt()).isEqualTo(1);
		assertThat(kobenhavn.get("offers").get("byProgramme").get("vaer-en-som-raekker-ud").asInt()).isEqualTo(1);
		JsonNode frederiksberg = kommune(body, "0147");
		assertThat(frederiksberg.get("offers").get("events").asInt()).isZero();
		assertThat(frederiksberg.get("offersWithinKm").asInt()).isEqualTo(1);
		assertThat(frederiksberg.get("reachable").asBoolean()).isTrue();
		JsonNode bornholm = kommune(body, "0400");
		assertThat(bornholm.get("reachable").asBoolean()).isFalse();
		assertThat(bornholm.get("nearestOfferKm").asDouble()).isEqualTo(expectedNearestKm("0400"));
		JsonNode aarhus = kommune(body, "0751");
		assertThat(aarhus.get("offers").get("events").asInt()).as("cancelled").isZero();
		JsonNode aalborg = kommune(body, "0851");
		assertThat(aalborg.get("offers").get("events").asInt()).as("May, and the stale snapshot").isZero();

		JsonNode midtjylland = region(body, "1082");
		assertThat(midtjylland.get("offers").get("events").asInt()).isEqualTo(3);
		assertThat(midtjylland.get("offers").get("organisations").asInt()).isEqualTo(2);
		assertThat(midtjylland.get("offers").get("free").asInt()).isEqualTo(2);
		assertThat(midtjylland.get("offers").get("byTargetGroup").toString())
			.isEqualTo("{\"boern\":0,\"unge\":1,\"voksne\":0,\"aeldre\":1,\"paaroerende\":0,\"alle\":1}");
		assertThat(midtjylland.get("kommunerWithOffers").asInt()).isEqualTo(1);
		JsonNode hovedstaden = region(body, "1084");
		assertThat(hovedstaden.get("offers").get("events").asInt()).isEqualTo(1);
		assertThat(region(body, "1081").get("offers").get("events").asInt()).isZero();
		assertThat(body.get("regions")).extracting((r) -> r.get("code").asString())
			.containsExactly("1081", "1082", "1083", "1084", "1085");
		int reachablePopulation = 0;
		int regionPopulation = 0;
		for (JsonNode k : body.get("kommuner")) {
			if (k.get("regionCode").asString().equals("1084")) {
				regionPopulation += k.get("population").asInt();
				reachablePopulation += k.get("reachable").asBoolean() ? k.get("population").asInt() : 0;
			}
		}
		assertThat(hovedstaden.get("shareOfPopulationReachable").asDouble())
			.isEqualTo(Math.round(10000.0 * reachablePopulation / regionPopulation) / 10000.0);
	}

	@Test
	void coverage_filters_countOnlyThatKind() {
		feed();
		JsonNode forElderly = getJson("/api/v1/coverage?" + PERIOD + "&targetGroup=aeldre");
		// e1 is for the elderly, e2 and the online offer for everyone
		assertThat(forElderly.get("national").get("offers").get("events").asInt()).isEqualTo(3);
		assertThat(kommune(forElderly, HOLSTEBRO).get("offers").get("events").asInt()).isEqualTo(2);
		assertThat(kommune(forElderly, "0101").get("offers").get("events").asInt()).isZero();

		JsonNode work = getJson("/api/v1/coverage?" + PERIOD + "&arena=arbejdsliv-og-beskaeftigelse");
		assertThat(work.get("national").get("offers").get("events").asInt()).isEqualTo(1);
		assertThat(kommune(work, "0101").get("offers").get("events").asInt()).isEqualTo(1);

		JsonNode twoArenas = getJson("/api/v1/coverage?" + PERIOD
				+ "&arena=sundhed-og-pleje&arena=arbejdsliv-og-beskaeftigelse&interventionType=psykoedukation");
		assertThat(twoArenas.get("national").get("offers").get("events").asInt()).isEqualTo(1);

		JsonNode local = getJson("/api/v1/coverage?" + PERIOD + "&programme=local-partnership&withinKm=0.5");
		assertThat(kommune(local, HOLSTEBRO).get("offers").get("events").asInt()).isEqualTo(2);
		assertThat(kommune(local, HOLSTEBRO).get("offersWithinKm").asInt())
			.isEqualTo(within(kommuner.byCode(HOLSTEBRO).orElseThrow().point(), 0.5,
					List.of(VENUE_IN_HOLSTEBRO, kommuner.byCode(HOLSTEBRO).orElseThrow().point())));
	}

	@Test
	void coverage_clockPastSomeOffers_countsOnlyThoseNotOver() {
		feed();
		// e1 (10 March), e2 (12 March), the online offer (5 March) are over; e3 (20 March) is not, e4 (15 March) is over too
		this.clock.set(Instant.parse("2033-03-16T12:00:00Z"));
		JsonNode body = getJson("/api/v1/coverage?" + PERIOD);
		assertThat(body.get("national").get("offers").get("events").asInt()).isEqualTo(1);
		assertThat(kommune(body, HOLSTEBRO).get("offers").get("events").asInt()).isEqualTo(1);
		assertThat(kommune(body, HOLSTEBRO).get("offers").get("byTargetGroup").get("unge").asInt()).isEqualTo(1);
	}

	@Test
	void gaps_rankedByPopulation_areKommunerWithoutOfferLargestFirst() {
		feed();
		JsonNode gaps = getJson("/api/v1/coverage/gaps?" + PERIOD);
		artifact("gaps.json", gaps.toPrettyString());
		assertThat(gaps.get("rankedBy").asString()).isEqualTo("population");
		assertThat(gaps.get("count").asInt()).isEqualTo(96);
		List<String> codes = new ArrayList<>();
		gaps.get("gaps").forEach((gap) -> codes.add(gap.get("code").asString()));
		assertThat(codes).hasSize(96).doesNotContain(HOLSTEBRO, "0101");
		assertThat(codes.subList(0, 3)).containsExactly("0751", "0851", "0461");
		assertThat(gaps.get("gaps").get(0).toString()).isEqualTo("{\"rank\":1,\"code\":\"0751\",\"name\":\"Aarhus\","
				+ "\"regionCode\":\"1082\",\"regionName\":\"Region Midtjylland\",\"population\":367000,"
				+ "\"nearestOfferKm\":" + expectedNearestKm("0751") + ",\"offersWithinKm\":0}");
		int previous = Integer.MAX_VALUE;
		for (JsonNode gap : gaps.get("gaps")) {
			assertThat(gap.get("population").asInt()).isLessThanOrEqualTo(previous);
			previous = gap.get("population").asInt();
		}
	}

	@Test
	void gaps_rankedByDistance_farthestFromAnyOfferFirst() {
		feed();
		JsonNode gaps = getJson("/api/v1/coverage/gaps?" + PERIOD + "&rankBy=distance");
		assertThat(gaps.get("rankedBy").asString()).isEqualTo("distance");
		double previous = Double.MAX_VALUE;
		for (JsonNode gap : gaps.get("gaps")) {
			double km = gap.get("nearestOfferKm").asDouble();
			assertThat(km).isLessThanOrEqualTo(previous);
			assertThat(km).isEqualTo(expectedNearestKm(gap.get("code").asString()));
			previous = km;
		}
		assertThat(gaps.get("gaps").get(gaps.get("count").asInt() - 1).get("code").asString())
			.as("Frederiksberg is next to the København offer").isEqualTo("0147");
	}

	@Test
	void gaps_noOfferOfTheKind_listsAllKommunerWithoutDistance() {
		feed();
		JsonNode gaps = getJson("/api/v1/coverage/gaps?" + PERIOD + "&interventionType=psykologisk-behandling");
		assertThat(gaps.get("count").asInt()).isEqualTo(98);
		assertThat(gaps.get("gaps").get(0).get("code").asString()).isEqualTo("0101");
		assertThat(gaps.get("gaps").get(0).get("nearestOfferKm").isNull()).isTrue();
		assertThat(gaps.get("gaps").get(97).get("code").asString()).as("the smallest kommune").isEqualTo("0825");
	}

	@Test
	void csv_byAcceptOrSuffix_oneRowPerKommuneWithEveryCount() {
		feed();
		String bySuffix = this.http.get().uri("/api/v1/coverage.csv?" + PERIOD).exchange().expectStatus().isOk()
			.expectHeader().contentType("text/csv;charset=UTF-8")
			.expectHeader().valueEquals("Cache-Control", "max-age=60, public")
			.expectBody(String.class).returnResult().getResponseBody();
		String byAccept = this.http.get().uri("/api/v1/coverage?" + PERIOD).accept(MediaType.parseMediaType("text/csv"))
			.exchange().expectStatus().isOk().expectHeader().contentType("text/csv;charset=UTF-8")
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(byAccept).isEqualTo(bySuffix);
		artifact("coverage.csv", bySuffix);
		List<String> lines = List.of(bySuffix.split("\r\n"));
		assertThat(lines).hasSize(99);
		assertThat(lines.get(0)).isEqualTo("kommune_code,kommune_name,region_code,region_name,population,events,"
				+ "organisations,free,programme:danmark-spiser-sammen,programme:vaer-en-som-raekker-ud,"
				+ "programme:local-partnership,programme:other,arena:hjem-og-bolig,arena:dagtilbud-skole-og-uddannelse,"
				+ "arena:fritid-og-faellesskaber,arena:arbejdsliv-og-beskaeftigelse,arena:sundhed-og-pleje,"
				+ "interventionType:socialt-netvaerk,interventionType:personlig-social-stoette,"
				+ "interventionType:social-og-emotionel-faerdighedstraening,interventionType:psykologisk-behandling,"
				+ "interventionType:psykoedukation,targetGroup:boern,targetGroup:unge,targetGroup:voksne,"
				+ "targetGroup:aeldre,targetGroup:paaroerende,targetGroup:alle,offers_within_km,nearest_offer_km,reachable");
		assertThat(lines.get(1)).startsWith("0101,København,1084,Region Hovedstaden,660800,1,1,1,0,1,0,0,0,0,0,1,0,");
		assertThat(lines).contains("0661,Holstebro,1082,Region Midtjylland,59000,3,2,2,0,0,2,1,0,0,3,0,1,2,1,0,0,0,"
				+ "0,1,0,1,0,1,3,0.0,true");
		assertThat(lines).contains("0751,Aarhus,1082,Region Midtjylland,367000," + "0,".repeat(24) + String.format(java.util.Locale.ROOT, "%.1f", expectedNearestKm("0751")) + ",false");
		assertThat(lines.subList(1, 99)).allSatisfy((line) -> assertThat(line.split(",", -1)).hasSize(31));
	}

	@Test
	void map_servedAsChoroplethSvg_filledByTheDataSet_orAsPoints() {
		feed();
		String svg = this.http.get().uri("/api/v1/coverage/map.svg?" + PERIOD).exchange().expectStatus().isOk()
			.expectHeader().contentType("image/svg+xml;charset=UTF-8")
			.expectBody(String.class).returnResult().getResponseBody();
		artifact("coverage-map-served.svg", svg);
		List<Element> paths = SvgChecks.elements(SvgChecks.parse(svg), "path", "kommune");
		assertThat(paths).hasSize(98);
		assertThat(paths).filteredOn((p) -> p.getAttribute("id").equals("kommune-0661")).singleElement()
			.satisfies((p) -> {
				assertThat(p.getAttribute("data-events")).isEqualTo("3");
				assertThat(p.getAttribute("fill")).isEqualTo("#74c476");
			});
		assertThat(paths).filteredOn((p) -> p.getAttribute("id").equals("kommune-0101")).singleElement()
			.satisfies((p) -> assertThat(p.getAttribute("fill")).isEqualTo("#c7e9c0"));
		assertThat(paths).filteredOn((p) -> !p.getAttribute("id").equals("kommune-0661")
				&& !p.getAttribute("id").equals("kommune-0101"))
			.hasSize(96)
			.allSatisfy((p) -> assertThat(p.getAttribute("fill")).as(p.getAttribute("id")).isEqualTo("#c0392b"));

		String points = this.http.get().uri("/api/v1/coverage/map.svg?style=points&" + PERIOD).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		List<Element> circles = SvgChecks.elements(SvgChecks.parse(points), "circle", "kommune");
		assertThat(circles).hasSize(98);
		assertThat(circles).filteredOn((c) -> c.getAttribute("id").equals("kommune-0661"))
			.singleElement().satisfies((c) -> assertThat(c.getAttribute("data-events")).isEqualTo("3"));
		this.http.get().uri("/api/v1/coverage/map.svg?style=heatmap").exchange().expectStatus().isBadRequest();
		this.http.get().uri("/api/v1/coverage?style=points").exchange().expectStatus().isBadRequest();
	}

	@Test
	void reach_activitiesAndJoinedEventsPerRegionAndMonth_asJsonAndChart() {
		feed();
		String campaign = "vaer-en-som-raekker-ud";
		publishActivity(campaign, "2033-03-03T19:00:00+01:00", HOLSTEBRO);
		publishActivity(campaign, "2033-04-02T10:00:00+02:00", null);
		this.http.post().uri("/api/v1/campaigns/{slug}/activities", campaign).header(IDENTITY, admin())
			.bodyValue(activity("2033-03-04T19:00:00+01:00", HOLSTEBRO)).exchange().expectStatus().isCreated();

		JsonNode reach = getJson("/api/v1/coverage/reach?from=2033-02-01&to=2033-04-30");
		artifact("reach.json", reach.toPrettyString());
		assertThat(reach.get("campaign").asString()).isEqualTo(campaign);
		assertThat(reach.get("months")).extracting((m) -> m.get("month").asString())
			.containsExactly("2033-02", "2033-03", "2033-04");
		JsonNode march = reach.get("months").get(1);
		assertThat(march.get("activities").toString()).as("the draft is not counted").isEqualTo(
				"{\"total\":1,\"byRegion\":{\"1081\":0,\"1082\":1,\"1083\":0,\"1084\":0,\"1085\":0},\"withoutRegion\":0}");
		assertThat(march.get("joinedEvents").toString()).isEqualTo(
				"{\"total\":1,\"byRegion\":{\"1081\":0,\"1082\":0,\"1083\":0,\"1084\":1,\"1085\":0},\"withoutRegion\":0}");
		JsonNode april = reach.get("months").get(2);
		assertThat(april.get("activities").get("withoutRegion").asInt()).isEqualTo(1);
		assertThat(april.get("joinedEvents").get("total").asInt()).isZero();
		assertThat(reach.get("months").get(0).get("activities").get("total").asInt()).isZero();

		String svg = this.http.get().uri("/api/v1/coverage/reach.svg?from=2033-02-01&to=2033-04-30").exchange()
			.expectStatus().isOk().expectHeader().contentType("image/svg+xml;charset=UTF-8")
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(SvgChecks.elements(SvgChecks.parse(svg), "g", "month")).hasSize(3);
	}

	@Test
	void badQuery_is400ProblemNamingEveryParameter() {
		this.http.get().uri("/api/v1/coverage?arena=golf&withinKm=0&from=2033-03-10&to=2033-03-01&kommune=0101")
			.exchange().expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith("application/problem+json")
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://sammen.dk/problems/invalid-query")
			.jsonPath("$.errors[*].field").value((fields) -> assertThat(fields.toString())
				.contains("arena", "withinKm", "to", "kommune"));
		this.http.get().uri("/api/v1/coverage.csv?targetGroup=katte").exchange().expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith("application/problem+json");
		this.http.get().uri("/api/v1/coverage/gaps?rankBy=alphabet").exchange().expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith("application/problem+json");
		this.http.get().uri("/api/v1/coverage/reach?from=2033-05-01&to=2033-01-01").exchange().expectStatus()
			.isBadRequest().expectHeader().contentTypeCompatibleWith("application/problem+json");
		this.http.get().uri("/api/v1/coverage/reach?campaign=findes-ikke").exchange().expectStatus().isNotFound();
	}

	@Test
	void poisonMessage_goesToDeadLetterTopicMarkedWithCoverageGroup() {
		String poison = this.topic.send(UUID.randomUUID().toString(), CloudEventTypes.EVENT_PUBLISHED_V1, id("p"),
				"{\"event\": {not json".getBytes(StandardCharsets.UTF_8), 5);
		List<ConsumerRecord<String, byte[]>> dead = TopicReader.shared()
			.await(DeadLetterTopics.of(Topics.EVENTS, "campaign-service"),
					(r) -> poison.equals(TopicReader.header(r, "ce_id"))
							&& "campaign-service-coverage".equals(TopicReader.header(r, "kafka_dlt-original-consumer-group")),
					1);
		assertThat(dead).singleElement().satisfies((record) -> {
			assertThat(record.partition()).isEqualTo(5);
			assertThat(TopicReader.header(record, "kafka_dlt-exception-message")).isNotBlank();
		});
	}

	private void send(String type, EventSnapshotV1 snapshot) {
		byte[] payload = switch (type) {
			case CloudEventTypes.EVENT_UPDATED_V1 ->
				json.writeValueAsBytes(new dk.sammen.contracts.event.EventUpdatedV1(snapshot));
			default -> json.writeValueAsBytes(new EventPublishedV1(snapshot));
		};
		this.topic.send(UUID.randomUUID().toString(), type, snapshot.id(), payload, PARTITION);
	}

	private static String id(String name) {
		return name + "-" + UUID.randomUUID();
	}

	private static EventSnapshotV1 snapshot(String id, String organisationId, String status, long version,
			String programme, @Nullable String campaign, Instant startsAt, @Nullable String kommuneCode,
			@Nullable GeoPoint venue, List<String> arenas, List<String> interventionTypes, List<String> targetGroups,
			@Nullable Integer priceDkk) {
		String eventId = id.contains("-") ? id : id + "-" + UUID.randomUUID();
		EventSnapshotV1.LocationV1 location = (kommuneCode != null)
				? new EventSnapshotV1.LocationV1("Medborgerhuset", "Nørregade 1", "7500", "By", kommuneCode,
						kommuner.byCode(kommuneCode).orElseThrow().regionCode(), (venue != null) ? venue.lat() : null,
						(venue != null) ? venue.lon() : null)
				: null;
		EventSnapshotV1.OnlineV1 online = (kommuneCode == null) ? new EventSnapshotV1.OnlineV1("https://example.dk/live")
				: null;
		Instant created = Instant.parse("2032-12-01T10:00:00Z");
		return new EventSnapshotV1(eventId, organisationId, "Forening", status, version, "Fællesskab", "Kom og vær med",
				programme, campaign, startsAt, startsAt.plusSeconds(7200), location, online, arenas, interventionTypes,
				targetGroups, List.of("da"), priceDkk, 40, null, List.of(), created, created);
	}

	private void publishActivity(String campaign, String startsAt, @Nullable String kommuneCode) {
		JsonNode created = this.http.post().uri("/api/v1/campaigns/{slug}/activities", campaign)
			.header(IDENTITY, admin()).bodyValue(activity(startsAt, kommuneCode)).exchange().expectStatus()
			.isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
		this.http.post().uri("/api/v1/campaigns/{slug}/activities/{id}/publish", campaign, created.get("id").asString())
			.header(IDENTITY, admin()).exchange().expectStatus().isOk();
	}

	private static Map<String, Object> activity(String startsAt, @Nullable String kommuneCode) {
		Map<String, Object> activity = new java.util.LinkedHashMap<>();
		activity.put("kind", "talk");
		activity.put("title", "Foredrag om ensomhed");
		activity.put("description", "For alle.");
		activity.put("startsAt", startsAt);
		activity.put("kommuneCode", kommuneCode);
		activity.put("url", "https://example.dk/foredrag");
		return activity;
	}

	private JsonNode awaitCoverage(String query, Predicate<JsonNode> done) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = getJson("/api/v1/coverage?" + query);
			return done.test(last[0]);
		});
		return last[0];
	}

	/** Keeps an answer under {@code target/coverage-artifacts/}, to look at (the README's examples come from there). */
	private static void artifact(String name, String content) {
		try {
			java.nio.file.Files.createDirectories(SvgChecks.ARTIFACTS);
			java.nio.file.Files.writeString(SvgChecks.ARTIFACTS.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static JsonNode kommune(JsonNode body, String code) {
		for (JsonNode kommune : body.get("kommuner")) {
			if (kommune.get("code").asString().equals(code)) {
				return kommune;
			}
		}
		throw new AssertionError("no kommune " + code);
	}

	private static JsonNode region(JsonNode body, String code) {
		for (JsonNode region : body.get("regions")) {
			if (region.get("code").asString().equals(code)) {
				return region;
			}
		}
		throw new AssertionError("no region " + code);
	}

	/** Where the data set's offers are: the venue, and the reference points of Holstebro (twice) and København. */
	private static List<GeoPoint> places() {
		GeoPoint holstebro = kommuner.byCode(HOLSTEBRO).orElseThrow().point();
		return List.of(VENUE_IN_HOLSTEBRO, holstebro, holstebro, kommuner.byCode("0101").orElseThrow().point());
	}

	private static double expectedNearestKm(String code) {
		GeoPoint from = kommuner.byCode(code).orElseThrow().point();
		double nearest = places().stream().mapToDouble(from::distanceKm).min().orElseThrow();
		return Math.round(nearest * 10) / 10.0;
	}

	private static int reachableKommuner(double km) {
		int count = 0;
		for (Kommune kommune : kommuner.all()) {
			if (within(kommune.point(), km, places()) > 0) {
				count++;
			}
		}
		return count;
	}

	private static int within(GeoPoint from, double km, List<GeoPoint> places) {
		return (int) places.stream().filter((place) -> from.distanceKm(place) <= km).count();
	}

}
