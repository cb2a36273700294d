package dk.sammen.systemtests.sync;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Response;
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.daysAhead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner system that mirrors its events from {@code GET /api/v1/events/changes}: it keeps a map
 * by id and the last {@code nextCursor}, goes offline while the partner creates, changes, publishes,
 * cancels and deletes, by id and by its own external ids, and comes back with only what it stored.
 * Its map must then be exactly what the API shows, event by event. The events are online-only and
 * far ahead, so no other test's kommune or feed query sees them.
 */
@SystemTest
class OfflineMirrorTest {

	// the feed serves changes once they are older than its settle lag (2 s by default)
	private static final Duration SETTLED = Duration.ofSeconds(30);

	// reads count against the gateway's rate limit per address, which the stack's tests share
	private static final Duration POLL = Duration.ofSeconds(1);

	private static final int PAGE = 2;

	private final Gateway gateway;

	private int day = 400;

	OfflineMirrorTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@Test
	void mirror_resumedFromItsStoredCursorAfterBeingOffline_equalsTheServersStateIncludingDeletions() {
		Partner partner = this.gateway.newPartner("Synkronforeningen");
		String published = this.gateway.publishEvent(partner, event("Foredrag om fællesskab"));
		String toPublish = this.gateway.draftEvent(partner, event("Strikkeklub, kladde"));
		String toChange = this.gateway.draftEvent(partner, event("Kladde der ændres"));
		String toDelete = this.gateway.draftEvent(partner, event("Kladde der slettes"));
		String toCancel = this.gateway.publishEvent(partner, event("Koncert der aflyses"));
		String byExternalId = id(upsert(partner, "kal/2027/madklub", event("Madklub"), false).expect(201));

		Mirror client = new Mirror(partner, new LinkedHashMap<>(), null);
		await().atMost(SETTLED).pollInterval(POLL).untilAsserted(() -> assertThat(client.catchUp().keySet())
			.containsExactlyInAnyOrder(published, toPublish, toChange, toDelete, toCancel, byExternalId));
		// the client keeps its map and cursor, and goes offline
		Map<String, JsonNode> storedCopy = new LinkedHashMap<>(client.events);
		String storedCursor = client.cursor;

		JsonNode current = this.gateway.call("GET", "/api/v1/events/" + toChange, null, partner.apiKey())
			.expect(200).json();
		this.gateway.call("PUT", "/api/v1/events/" + toChange, event("Kladde der er ændret").json(), partner.apiKey(),
				"If-Match", "\"" + current.path("version").asLong() + "\"").expect(200);
		this.gateway.publishEvent(partner, toPublish);
		this.gateway.cancelEvent(partner, toCancel, "Musikerne er syge");
		this.gateway.call("DELETE", "/api/v1/events/" + toDelete, null, partner.apiKey()).expect(204);
		EventBody dessert = event("Madklub med dessert");
		assertThat(upsert(partner, "kal/2027/madklub", dessert, true).expect(200).json().path("version").asLong())
			.isEqualTo(upsert(partner, "kal/2027/madklub", dessert, true).expect(200).json().path("version").asLong());
		String createdByUpsert = id(upsert(partner, "kal/2027/sangaften", event("Sangaften"), false).expect(201));
		String neverSeen = this.gateway.draftEvent(partner, event("Kladde der kom og gik"));
		this.gateway.call("DELETE", "/api/v1/events/" + neverSeen, null, partner.apiKey()).expect(204);
		ObjectNode posted = event("Løbeklub").json();
		posted.put("externalId", "kal/2027/loeb");
		String postedWithExternalId = id(this.gateway.call("POST", "/api/v1/events", posted, partner.apiKey())
			.expect(201));
		String recreated = id(upsert(partner, "kal/2027/genopstaar", event("Første udgave"), false).expect(201));
		this.gateway.call("DELETE", "/api/v1/events/" + recreated, null, partner.apiKey()).expect(204);
		assertThat(id(upsert(partner, "kal/2027/genopstaar", event("Anden udgave"), false).expect(201)))
			.isEqualTo(recreated);

		// back online: a new process with only what the client stored
		Map<String, JsonNode> server = serverState(partner);
		Mirror resumed = new Mirror(partner, storedCopy, storedCursor);
		await().atMost(SETTLED).pollInterval(POLL).untilAsserted(() -> {
			resumed.catchUp();
			assertThat(resumed.events).isEqualTo(server);
		});
		assertThat(resumed.events.keySet()).containsExactlyInAnyOrder(published, toPublish, toChange, toCancel,
				byExternalId, createdByUpsert, postedWithExternalId, recreated);
		assertThat(resumed.deleted).contains(toDelete, neverSeen);
		assertThat(resumed.events.get(toPublish).path("status").asText()).isEqualTo("published");
		assertThat(resumed.events.get(toChange).path("title").asText())
			.isEqualTo("Kladde der er ændret (synkronisering)");
		assertThat(resumed.events.get(toCancel).path("status").asText()).isEqualTo("cancelled");
		assertThat(resumed.events.get(byExternalId).path("title").asText())
			.isEqualTo("Madklub med dessert (synkronisering)");
		assertThat(resumed.events.get(byExternalId).path("status").asText()).isEqualTo("published");
		assertThat(resumed.events.get(byExternalId).path("externalId").asText()).isEqualTo("kal/2027/madklub");
		assertThat(resumed.events.get(postedWithExternalId).path("externalId").asText()).isEqualTo("kal/2027/loeb");
		assertThat(resumed.events.get(recreated).path("title").asText()).isEqualTo("Anden udgave (synkronisering)");
	}

	@Test
	void changes_ofAnotherPartnerOrWithoutAKey_showNothingOfThisPartners() {
		Partner owner = this.gateway.newPartner("Ejerforeningen");
		Partner other = this.gateway.newPartner("Naboforeningen");
		String ownersDraft = id(upsert(owner, "delt-id", event("Ejerens kladde"), false).expect(201));
		String othersDraft = id(upsert(other, "delt-id", event("Naboens kladde"), false).expect(201));
		assertThat(othersDraft).isNotEqualTo(ownersDraft);

		Mirror othersCopy = new Mirror(other, new LinkedHashMap<>(), null);
		await().atMost(SETTLED).pollInterval(POLL)
			.untilAsserted(() -> assertThat(othersCopy.catchUp().keySet()).containsExactly(othersDraft));
		assertThat(othersCopy.served).doesNotContain(ownersDraft);
		assertThat(this.gateway.call("GET", "/api/v1/events/" + ownersDraft, null, other.apiKey()).status())
			.isEqualTo(404);
		assertThat(this.gateway.call("GET", "/api/v1/events/by-external-id/delt-id", null, owner.apiKey()).expect(200)
			.json().path("title").asText()).isEqualTo("Ejerens kladde (synkronisering)");
		Response anonymous = await().atMost(SETTLED).pollInterval(POLL)
			.until(() -> this.gateway.get("/api/v1/events/changes"), (response) -> response.status() != 429);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private Response upsert(Partner partner, String externalId, EventBody body, boolean publish) {
		return this.gateway.call("PUT", "/api/v1/events/by-external-id/" + encoded(externalId)
				+ (publish ? "?publish=true" : ""), body.json(), partner.apiKey());
	}

	/** An online-only event on a day of its own, so the stack's other tests never see it. */
	private EventBody event(String title) {
		return EventBody.onlineOnly("https://example.dk/synk", daysAhead(this.day++, 18, 0))
			.title(title + " (synkronisering)");
	}

	/** What the API shows: every event of the partner's own listing, each also fetched by its id. */
	private Map<String, JsonNode> serverState(Partner partner) {
		Map<String, JsonNode> state = new LinkedHashMap<>();
		String cursor = null;
		do {
			JsonNode page = this.gateway.call("GET", "/api/v1/organisations/me/events?limit=100"
					+ ((cursor != null) ? "&cursor=" + cursor : ""), null, partner.apiKey()).expect(200).json();
			for (JsonNode item : page.path("items")) {
				String id = item.path("id").asText();
				JsonNode one = this.gateway.call("GET", "/api/v1/events/" + id, null, partner.apiKey()).expect(200)
					.json();
				assertThat(one).isEqualTo(item);
				state.put(id, one);
			}
			cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
		}
		while (cursor != null);
		return state;
	}

	private static String id(Response created) {
		return created.json().path("id").asText();
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The partner system's copy: events by id, the cursor it goes on from, what it was told. */
	private final class Mirror {

		private final Partner partner;

		final Map<String, JsonNode> events;

		@Nullable String cursor;

		final Set<String> deleted = new HashSet<>();

		final List<String> served = new ArrayList<>();

		Mirror(Partner partner, Map<String, JsonNode> events, @Nullable String cursor) {
			this.partner = partner;
			this.events = events;
			this.cursor = cursor;
		}

		/** Reads pages until one is not full, applying each change in order. */
		Map<String, JsonNode> catchUp() {
			while (true) {
				String query = "?limit=" + PAGE + ((this.cursor != null) ? "&since=" + this.cursor : "");
				JsonNode page = OfflineMirrorTest.this.gateway
					.call("GET", "/api/v1/events/changes" + query, null, this.partner.apiKey())
					.expect(200)
					.json();
				for (JsonNode change : page.path("changes")) {
					String id = change.path("id").asText();
					this.served.add(id);
					if (change.path("deleted").asBoolean()) {
						this.events.remove(id);
						this.deleted.add(id);
					}
					else {
						this.events.put(id, change.path("event"));
					}
				}
				assertThat(page.path("nextCursor").isTextual()).as("nextCursor is always there").isTrue();
				this.cursor = page.path("nextCursor").asText();
				if (page.path("changes").size() < PAGE) {
					return this.events;
				}
			}
		}

	}

}
