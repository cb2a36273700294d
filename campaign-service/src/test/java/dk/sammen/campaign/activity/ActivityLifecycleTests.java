package dk.sammen.campaign.activity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.campaign.CampaignIntegrationTest;
import dk.sammen.localstack.TopicReader;
import dk.sammen.contracts.PayloadSchemas;
import dk.sammen.contracts.Topics;
import dk.sammen.platform.identity.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import static dk.sammen.localstack.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/** Campaign activities: lifecycle, who may manage them, bad input, the public listing and CloudEvents. */
class ActivityLifecycleTests extends CampaignIntegrationTest {

	@Autowired
	ActivityGauges gauges;

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void lifecycle_draftPublishUpdateCancel_emitsOneValidCloudEventPerPublicChange() {
		String slug = newCampaign("org-r8dio");
		String editor = caller("org-r8dio", Role.EDITOR);
		JsonNode draft = create(slug, editor, talk());
		String id = draft.get("id").asString();
		assertThat(draft.get("status").asString()).isEqualTo("draft");
		assertThat(draft.get("description").asString()).isEqualTo("<p>Et oplæg</p>");
		this.http.get().uri("/api/v1/campaigns/{slug}/activities/{id}", slug, id).exchange().expectStatus().isNotFound();
		assertThat(listed(slug)).isEmpty();

		this.http.post().uri("/api/v1/campaigns/{slug}/activities/{id}/publish", slug, id).header(IDENTITY, editor)
			.exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
		assertThat(listed(slug)).containsExactly(id);
		Map<String, Object> changed = talk();
		changed.put("title", "Ensomhed blandt unge – nyt oplæg");
		this.http.put().uri("/api/v1/campaigns/{slug}/activities/{id}", slug, id).header(IDENTITY, editor)
			.header("If-Match", "\"1\"").bodyValue(changed).exchange().expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
		this.http.put().uri("/api/v1/campaigns/{slug}/activities/{id}", slug, id).header(IDENTITY, editor)
			.header("If-Match", "\"2\"").bodyValue(changed).exchange().expectStatus().isOk();
		this.http.post().uri("/api/v1/campaigns/{slug}/activities/{id}/cancel", slug, id).header(IDENTITY, admin())
			.bodyValue(Map.of("reason", "Foredragsholderen er syg")).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("cancelled");

		List<ConsumerRecord<String, byte[]>> records = TopicReader.shared().await(Topics.CAMPAIGN_ACTIVITIES,
				(r) -> id.equals(r.key()), 3);
		assertThat(records).extracting((r) -> header(r, "ce_type")).containsExactly(
				"dk.sammen.campaign.activity.published.v1", "dk.sammen.campaign.activity.updated.v1",
				"dk.sammen.campaign.activity.cancelled.v1");
		assertThat(records).allSatisfy((r) -> {
			assertThat(header(r, "ce_source")).isEqualTo("/sammen/campaign-service");
			assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
			assertThat(PayloadSchemas.validate(header(r, "ce_type"), json.readTree(r.value()))).isEmpty();
		});
		assertThat(json.readTree(records.get(1).value()).get("activity").get("title").asString())
			.isEqualTo("Ensomhed blandt unge – nyt oplæg");
	}

	@Test
	void create_byNonEditors_isRefusedAndStoresNothing() {
		String slug = newCampaign("org-r8dio");
		this.http.post().uri("/api/v1/campaigns/{slug}/activities", slug).bodyValue(talk()).exchange()
			.expectStatus().isUnauthorized();
		for (String caller : List.of(caller("org-other", Role.EDITOR), caller("org-r8dio", Role.PARTNER))) {
			this.http.post().uri("/api/v1/campaigns/{slug}/activities", slug).header(IDENTITY, caller).bodyValue(talk())
				.exchange().expectStatus().isForbidden();
		}
		this.http.post().uri("/api/v1/campaigns/findes-ikke/activities").header(IDENTITY, admin()).bodyValue(talk())
			.exchange().expectStatus().isNotFound();
		JsonNode byAdmin = create(slug, admin(), talk());
		this.http.post().uri("/api/v1/campaigns/{slug}/activities/{id}/publish", slug, byAdmin.get("id").asString())
			.header(IDENTITY, caller("org-other", Role.EDITOR)).exchange().expectStatus().isForbidden();
		this.http.get().uri("/api/v1/campaigns/{slug}/activities/{id}", slug, byAdmin.get("id").asString())
			.header(IDENTITY, caller("org-r8dio", Role.EDITOR)).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("draft");
	}

	@Test
	void create_invalidInput_is422NamingEveryField() {
		String slug = newCampaign();
		Map<String, Object> bad = talk();
		bad.put("kind", "concert");
		bad.put("url", "javascript:alert(1)");
		bad.put("kommuneCode", "9999");
		bad.put("endsAt", "2027-09-14T09:00:00+02:00");
		this.http.post().uri("/api/v1/campaigns/{slug}/activities", slug).header(IDENTITY, admin()).bodyValue(bad)
			.exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody(JsonNode.class)
			.value((problem) -> assertThat(problem.get("errors").findValuesAsString("field"))
				.containsExactlyInAnyOrder("kind", "url", "kommuneCode", "endsAt"));
		Map<String, Object> unknown = talk();
		unknown.put("status", "published");
		this.http.post().uri("/api/v1/campaigns/{slug}/activities", slug).header(IDENTITY, admin()).bodyValue(unknown)
			.exchange().expectStatus().isBadRequest();
		this.http.get().uri("/api/v1/campaign-activities?kind=concert").exchange().expectStatus().isBadRequest();
	}

	@Test
	void listing_filtersByKommuneWithNationwideAndPagesByCursor() {
		String slug = newCampaign();
		String local = publish(slug, create(slug, admin(), talk()).get("id").asString());
		Map<String, Object> radio = talk();
		radio.put("kind", "radio-segment");
		radio.put("kommuneCode", null);
		radio.put("startsAt", "2027-09-15T08:00:00+02:00");
		radio.remove("endsAt");
		String nationwide = publish(slug, create(slug, admin(), radio).get("id").asString());
		Map<String, Object> elsewhere = talk();
		elsewhere.put("kommuneCode", "0101");
		elsewhere.put("startsAt", "2027-09-16T08:00:00+02:00");
		elsewhere.put("endsAt", "2027-09-16T09:00:00+02:00");
		publish(slug, create(slug, admin(), elsewhere).get("id").asString());

		JsonNode first = getJson("/api/v1/campaign-activities?campaign={slug}&kommune=0661&limit=1", slug);
		assertThat(first.get("items").findValuesAsString("id")).containsExactly(local);
		assertThat(first.get("items").get(0).get("kommune").get("name").asString()).isEqualTo("Holstebro");
		assertThat(first.get("items").get(0).get("kommuneCode").asString()).isEqualTo("0661");
		JsonNode second = getJson("/api/v1/campaign-activities?campaign={slug}&kommune=0661&limit=1&cursor={c}", slug,
				first.get("nextCursor").asString());
		assertThat(second.get("items").findValuesAsString("id")).containsExactly(nationwide);
		assertThat(second.get("items").get(0).get("nationwide").asBoolean()).isTrue();
		assertThat(second.get("nextCursor").isNull()).isTrue();
		assertThat(getJson("/api/v1/campaigns/{slug}/activities?region=1084", slug).get("items")).hasSize(2);

		JsonNode stats = getJson("/api/v1/campaigns/{slug}/stats", slug).get("activities");
		assertThat(stats.get("published").asInt()).isEqualTo(3);
		assertThat(stats.get("withoutKommune").asInt()).isEqualTo(1);
		assertThat(stats.get("upcoming").asInt()).isEqualTo(3);
	}

	private List<String> listed(String slug) {
		return getJson("/api/v1/campaigns/{slug}/activities", slug).get("items").findValuesAsString("id");
	}

	@Test
	void gauge_countsPublishedActivitiesPerCampaignAndCountsDownOnCancel() {
		String slug = newCampaign();
		String first = publish(slug, create(slug, admin(), talk()).get("id").asString());
		publish(slug, create(slug, admin(), talk()).get("id").asString());
		create(slug, admin(), talk());
		assertThat(this.gauges.sample().block()).containsEntry(slug, 2L);
		this.http.post().uri("/api/v1/campaigns/{slug}/activities/{id}/cancel", slug, first).header(IDENTITY, admin())
			.bodyValue(Map.of("reason", "Aflyst")).exchange().expectStatus().isOk();
		assertThat(this.gauges.sample().block()).containsEntry(slug, 1L);
		this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
			.value((metrics) -> assertThat(metrics).contains("sammen_campaign_activities{application=\"campaign-service\",campaign=\"" + slug + "\"} 1.0"));
	}

	private JsonNode create(String slug, String caller, Map<String, Object> body) {
		return this.http.post().uri("/api/v1/campaigns/{slug}/activities", slug).header(IDENTITY, caller).bodyValue(body)
			.exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"")
			.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private String publish(String slug, String id) {
		this.http.post().uri("/api/v1/campaigns/{slug}/activities/{id}/publish", slug, id).header(IDENTITY, admin())
			.exchange().expectStatus().isOk();
		return id;
	}

	static Map<String, Object> talk() {
		Map<String, Object> talk = new HashMap<>();
		talk.put("kind", "school-activity");
		talk.put("title", "Ensomhed blandt unge");
		talk.put("description", "<p onclick=\"x()\">Et oplæg</p><iframe src=\"https://evil.example\"></iframe>");
		talk.put("startsAt", "2027-09-14T10:00:00+02:00");
		talk.put("endsAt", "2027-09-14T12:00:00+02:00");
		talk.put("kommuneCode", "0661");
		talk.put("url", "https://example.dk/skole");
		return talk;
	}

}
