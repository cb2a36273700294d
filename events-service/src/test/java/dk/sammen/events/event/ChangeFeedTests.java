package dk.sammen.events.event;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/events/changes}: a client that applies every page to a local copy has exactly
 * the server's state, deletions included, however it pages, whenever it comes back, and while
 * others write concurrently.
 */
class ChangeFeedTests extends EventsIntegrationTest {

	private static final Duration SETTLED = Duration.ofSeconds(20);

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	LateWrites lateWrites;

	@Autowired
	TombstonePurge purge;

	@Test
	void changes_partnerKey_servesItsOwnEventsInEveryStateWithTombstonesInOrder() {
		Partner partner = newPartner();
		Partner other = newPartner();
		createEvent(other, meal());
		String draft = createEvent(partner, meal()).get("id").asString();
		String cancelled = createEvent(partner, meal()).get("id").asString();
		Map<String, Object> deletable = meal();
		deletable.put("externalId", "slettes");
		String deleted = createEvent(partner, deletable).get("id").asString();
		publish(partner, cancelled);
		Map<String, Object> changed = meal();
		changed.put("title", "Ændret kladde");
		this.http.put().uri("/api/v1/events/{id}", draft).header(IDENTITY, partner.header()).header("If-Match", "\"1\"")
			.bodyValue(changed).exchange().expectStatus().isOk();
		this.http.post().uri("/api/v1/events/{id}/cancel", cancelled).header(IDENTITY, partner.header())
			.bodyValue(Map.of("reason", "Aflyst")).exchange().expectStatus().isOk();
		delete(partner, deleted);
		String upserted = this.http.put().uri("/api/v1/events/by-external-id/{externalId}", "upsert-1")
			.header(IDENTITY, partner.header()).bodyValue(meal()).exchange().expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();

		List<JsonNode> changes = await().atMost(SETTLED).until(() -> readAll(partner, null, 100).changes(),
				(all) -> all.size() == 4);
		assertInFeedOrder(changes);
		// in the order of each event's last change (events changed in the same millisecond go by id)
		assertThat(changes).extracting((c) -> c.get("id").asString())
			.containsExactlyInAnyOrder(draft, cancelled, deleted, upserted);
		assertThat(List.of(draft, cancelled, deleted, upserted)).extracting((id) -> changedAt(changes, id)).isSorted();
		changes.sort(Comparator.comparing((JsonNode c) -> List.of(draft, cancelled, deleted, upserted)
			.indexOf(c.get("id").asString())));
		assertThat(changes.get(0).get("event").get("title").asString()).isEqualTo("Ændret kladde");
		assertThat(changes.get(0).get("event").get("status").asString()).isEqualTo("draft");
		assertThat(changes.get(1).get("event").get("status").asString()).isEqualTo("cancelled");
		assertThat(changes.get(1).get("deleted").asBoolean()).isFalse();
		JsonNode tombstone = changes.get(2);
		assertThat(tombstone.propertyNames()).containsExactlyInAnyOrder("id", "externalId", "deleted", "changedAt");
		assertThat(tombstone.get("deleted").asBoolean()).isTrue();
		assertThat(tombstone.get("externalId").asString()).isEqualTo("slettes");
		assertThat(changes.get(3).get("externalId").asString()).isEqualTo("upsert-1");
		assertThat(changes.get(3).get("event").get("externalId").asString()).isEqualTo("upsert-1");
	}

	@Test
	void changes_resumedFromAStoredCursor_serveExactlyWhatChangedSince() {
		Partner partner = newPartner();
		String kept = createEvent(partner, meal()).get("id").asString();
		String deleted = createEvent(partner, meal()).get("id").asString();
		String untouched = createEvent(partner, meal()).get("id").asString();
		Mirror mirror = new Mirror();
		await().atMost(SETTLED).until(() -> mirror.catchUp(partner).size() == 3);
		String stored = mirror.cursor;

		Map<String, Object> changed = meal();
		changed.put("title", "Ændret mens klienten var væk");
		this.http.put().uri("/api/v1/events/{id}", kept).header(IDENTITY, partner.header()).header("If-Match", "\"1\"")
			.bodyValue(changed).exchange().expectStatus().isOk();
		delete(partner, deleted);
		String added = createEvent(partner, meal()).get("id").asString();

		List<JsonNode> since = await().atMost(SETTLED).until(() -> readAll(partner, stored, 100).changes(),
				(all) -> all.size() == 3);
		assertInFeedOrder(since);
		assertThat(since).extracting((c) -> c.get("id").asString()).containsExactlyInAnyOrder(kept, deleted, added);
		mirror.apply(since);
		assertThat(mirror.events.keySet()).containsExactlyInAnyOrder(kept, untouched, added);
		assertThat(mirror.events.get(kept).get("title").asString()).isEqualTo("Ændret mens klienten var væk");
		assertThat(mirror.events).isEqualTo(serverState(partner));
	}

	@Test
	void changes_caughtUpWithNothingNew_servesNothingAndTheCursorMovesOn() {
		Partner partner = newPartner();
		createEvent(partner, meal());
		Page first = await().atMost(SETTLED).until(() -> readAll(partner, null, 100), (p) -> p.changes().size() == 1);
		Page empty = await().atMost(SETTLED).until(() -> readAll(partner, first.cursor(), 100),
				(p) -> !p.cursor().equals(first.cursor()));
		assertThat(empty.changes()).isEmpty();
		assertThat(ChangeCursor.decode(empty.cursor()).orElseThrow()
			.isAfter(ChangeCursor.decode(first.cursor()).orElseThrow())).isTrue();
	}

	@Test
	void changes_pagedTwoAtATime_serveEveryEventOnceInOrder() {
		Partner partner = newPartner();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			ids.add(createEvent(partner, meal()).get("id").asString());
		}
		await().atMost(SETTLED).until(() -> readAll(partner, null, 100).changes().size() == 7);
		List<JsonNode> served = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		String cursor = null;
		while (true) {
			JsonNode page = page(partner, cursor, 2);
			pageSizes.add(page.get("changes").size());
			page.get("changes").forEach(served::add);
			assertThat(page.get("nextCursor").isString()).isTrue();
			cursor = page.get("nextCursor").asString();
			if (page.get("changes").size() < 2) {
				break;
			}
		}
		assertInFeedOrder(served);
		assertThat(served).extracting((c) -> c.get("id").asString()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(pageSizes).containsExactly(2, 2, 2, 1);
	}

	@Test
	void changes_whileSeveralWritersRace_keepAMirrorExact() {
		Partner partner = newPartner();
		Mirror mirror = new Mirror();
		WebClient client = WebClient.create(baseUrl());
		// four writers, each creating, changing, publishing, cancelling and deleting its own events
		CompletableFuture<Void> writers = Flux.range(0, 4)
			.flatMap((writer) -> writeAFewThings(client, partner, writer), 4)
			.then()
			.toFuture();
		// the client keeps reading small pages while they write
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			mirror.catchUpPage(partner, 3);
			return writers.isDone();
		});
		writers.join();
		Map<String, JsonNode> server = serverState(partner);
		assertThat(server).hasSizeGreaterThan(4);
		await().atMost(SETTLED).untilAsserted(() -> {
			mirror.catchUp(partner);
			assertThat(mirror.events).isEqualTo(server);
		});
		assertThat(mirror.tombstones).isGreaterThanOrEqualTo(4);
	}

	@Test
	void changes_adminKey_seesEveryOrganisation_partnerOnlyItsOwn() {
		String since = ChangeCursor.through(Instant.now().minusSeconds(1), Instant.now()).encode();
		Partner one = newPartner();
		Partner two = newPartner();
		String first = createEvent(one, meal()).get("id").asString();
		String second = createEvent(two, meal()).get("id").asString();
		await().atMost(SETTLED).untilAsserted(() -> assertThat(readAll(admin(), since, 500).changes())
			.extracting((c) -> c.get("id").asString())
			.contains(first, second));
		assertThat(readAll(one.header(), since, 500).changes()).extracting((c) -> c.get("id").asString())
			.containsExactly(first);
	}

	@Test
	void changes_deletedDraft_isATombstoneThereAndAbsentEverywhereElse() {
		Partner partner = newPartner();
		Map<String, Object> body = meal();
		body.put("externalId", "vaek");
		String id = createEvent(partner, body).get("id").asString();
		delete(partner, id);
		this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange().expectStatus()
			.isNotFound();
		this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, admin()).exchange().expectStatus()
			.isNotFound();
		this.http.get().uri("/api/v1/events/by-external-id/{externalId}", "vaek").header(IDENTITY, partner.header())
			.exchange().expectStatus().isNotFound();
		this.http.delete().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange().expectStatus()
			.isNotFound();
		this.http.post().uri("/api/v1/events/{id}/publish", id).header(IDENTITY, partner.header()).exchange()
			.expectStatus().isNotFound();
		this.http.put().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).header("If-Match", "\"2\"")
			.bodyValue(meal()).exchange().expectStatus().isNotFound();
		this.http.get().uri("/api/v1/organisations/me/events").header(IDENTITY, partner.header()).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
		this.http.get().uri("/api/v1/events?kommune=0661&limit=100&q=Medborgerhuset").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.items[?(@.id == '" + id + "')]").doesNotExist();
		// the document keeps what the feed needs and nothing of the content
		Document tombstone = this.mongo.findById(id, Document.class, "events").block();
		assertThat(tombstone.keySet()).doesNotContain("details", "words", "organisationName", "requestHash");
		assertThat(tombstone.getString("status")).isEqualTo("deleted");
		assertThat(tombstone.getString("externalId")).isEqualTo("vaek");
		List<JsonNode> changes = await().atMost(SETTLED).until(() -> readAll(partner, null, 100).changes(),
				(all) -> !all.isEmpty());
		assertThat(changes).singleElement().satisfies((c) -> {
			assertThat(c.get("deleted").asBoolean()).isTrue();
			assertThat(c.has("event")).isFalse();
		});
	}

	@Test
	void changes_writeStoredLaterThanHalfTheLag_isServedAfterItsRestamp() {
		Partner partner = newPartner();
		String id = createEvent(partner, meal()).get("id").asString();
		Page caughtUp = await().atMost(SETTLED).until(() -> readAll(partner, null, 100),
				(p) -> p.changes().size() == 1);
		await().atMost(SETTLED).until(() -> !readAll(partner, caughtUp.cursor(), 100).cursor().equals(caughtUp.cursor()));
		String cursor = readAll(partner, caughtUp.cursor(), 100).cursor();
		// a change stamped ten seconds ago that becomes visible only now, behind the client's cursor
		Instant stamped = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("details.title", "Sent gemt").set("version", 2L).set("updatedAt", stamped), "events")
			.block();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
			.until(() -> readAll(partner, cursor, 100).changes().isEmpty());

		this.lateWrites.settle(id, 2, stamped).block();

		JsonNode change = await().atMost(SETTLED).until(() -> readAll(partner, cursor, 100).changes(),
				(all) -> all.size() == 1).get(0);
		assertThat(change.get("event").get("title").asString()).isEqualTo("Sent gemt");
		assertThat(change.get("event").get("version").asLong()).isEqualTo(2);
	}

	@Test
	void changes_cursorOlderThanTheTombstoneRetention_is410ProblemToResync() {
		Partner partner = newPartner();
		Instant longAgo = Instant.now().minus(Duration.ofDays(30)).minusSeconds(60);
		String expired = ChangeCursor.through(longAgo, longAgo).encode();
		this.http.get().uri("/api/v1/events/changes?since={since}", expired).header(IDENTITY, partner.header())
			.exchange().expectStatus().isEqualTo(HttpStatus.GONE)
			.expectHeader().contentType("application/problem+json")
			.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/cursor-expired")
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("without 'since'"));
		Instant withinRetention = Instant.now().minus(Duration.ofDays(29));
		String recent = ChangeCursor.through(withinRetention, longAgo).encode();
		this.http.get().uri("/api/v1/events/changes?since={since}", recent).header(IDENTITY, partner.header())
			.exchange().expectStatus().isOk();
		// a first copy that began recently goes on however old the changes it is paging through
		String firstCopy = ChangeCursor.after(longAgo, "0", withinRetention).encode();
		this.http.get().uri("/api/v1/events/changes?since={since}", firstCopy).header(IDENTITY, partner.header())
			.exchange().expectStatus().isOk();
	}

	@Test
	void changes_malformedSinceOrLimit_is400NamingTheParameter() {
		Partner partner = newPartner();
		for (String query : List.of("since=bm90LWEtY3Vyc29y", "since=", "limit=0", "limit=501", "limit=ti")) {
			String field = query.substring(0, query.indexOf('='));
			this.http.get().uri("/api/v1/events/changes?" + query).header(IDENTITY, partner.header()).exchange()
				.expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
				.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/invalid-query")
				.jsonPath("$.errors[0].field").isEqualTo(field);
		}
	}

	@Test
	void changes_withoutAKey_is401() {
		this.http.get().uri("/api/v1/events/changes").exchange().expectStatus().isUnauthorized()
			.expectHeader().contentType("application/problem+json");
	}

	@Test
	void purge_removesOnlyTombstonesPastTheirRetention() {
		Partner partner = newPartner();
		String old = createEvent(partner, meal()).get("id").asString();
		String recent = createEvent(partner, meal()).get("id").asString();
		String oldButLive = createEvent(partner, meal()).get("id").asString();
		delete(partner, old);
		delete(partner, recent);
		Date longAgo = Date.from(Instant.now().minus(Duration.ofDays(31)));
		for (String id : List.of(old, oldButLive)) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), Update.update("updatedAt", longAgo),
					"events").block();
		}
		assertThat(this.purge.purge().block()).isPositive();
		assertThat(this.mongo.findById(old, Document.class, "events").block()).isNull();
		assertThat(this.mongo.findById(recent, Document.class, "events").block()).isNotNull();
		assertThat(this.mongo.findById(oldButLive, Document.class, "events").block()).isNotNull();
	}

	/** Strictly ascending by time, then id: so nothing twice, and nothing a resumed client could skip. */
	private static void assertInFeedOrder(List<JsonNode> changes) {
		Comparator<JsonNode> order = Comparator.comparing((JsonNode c) -> OffsetDateTime.parse(c.get("changedAt").asString()))
			.thenComparing((c) -> c.get("id").asString());
		for (int i = 1; i < changes.size(); i++) {
			assertThat(order.compare(changes.get(i - 1), changes.get(i))).as("change %d after change %d", i, i - 1)
				.isNegative();
		}
	}

	private static OffsetDateTime changedAt(List<JsonNode> changes, String id) {
		return changes.stream().filter((c) -> c.get("id").asString().equals(id)).findFirst()
			.map((c) -> OffsetDateTime.parse(c.get("changedAt").asString())).orElseThrow();
	}

	private Mono<Void> writeAFewThings(WebClient client, Partner partner, int writer) {
		return Flux.range(0, 3).concatMap((n) -> {
			Map<String, Object> body = meal();
			body.put("title", "Skriver " + writer + " nr. " + n);
			String externalId = "w" + writer + "-" + n;
			Mono<JsonNode> created = client.put().uri("/api/v1/events/by-external-id/{externalId}", externalId)
				.header(IDENTITY, partner.header()).bodyValue(body).retrieve().bodyToMono(JsonNode.class);
			return created.flatMap((event) -> {
				String id = event.get("id").asString();
				return switch (n) {
					case 0 -> client.delete().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header())
						.retrieve().toBodilessEntity().then();
					case 1 -> client.post().uri("/api/v1/events/{id}/publish", id).header(IDENTITY, partner.header())
						.retrieve().toBodilessEntity()
						.then(client.post().uri("/api/v1/events/{id}/cancel", id).header(IDENTITY, partner.header())
							.bodyValue(Map.of("reason", "Aflyst")).retrieve().toBodilessEntity())
						.then();
					default -> {
						body.put("capacity", 10 + ThreadLocalRandom.current().nextInt(50));
						yield client.put().uri("/api/v1/events/by-external-id/{externalId}?publish=true", externalId)
							.header(IDENTITY, partner.header()).bodyValue(body).retrieve().toBodilessEntity().then();
					}
				};
			});
		}).then();
	}

	/** The partner's events as the API shows them one by one: each id of the own listing, fetched. */
	private Map<String, JsonNode> serverState(Partner partner) {
		JsonNode listing = this.http.get().uri("/api/v1/organisations/me/events?limit=100")
			.header(IDENTITY, partner.header()).exchange().expectStatus().isOk().expectBody(JsonNode.class)
			.returnResult().getResponseBody();
		Map<String, JsonNode> state = new LinkedHashMap<>();
		listing.get("items").forEach((item) -> {
			String id = item.get("id").asString();
			JsonNode one = this.http.get().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange()
				.expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
			assertThat(one).isEqualTo(item);
			state.put(id, one);
		});
		return state;
	}

	private void delete(Partner partner, String id) {
		this.http.delete().uri("/api/v1/events/{id}", id).header(IDENTITY, partner.header()).exchange().expectStatus()
			.isNoContent();
	}

	private JsonNode page(Partner partner, @Nullable String since, int limit) {
		return page(partner.header(), since, limit);
	}

	private JsonNode page(String identity, @Nullable String since, int limit) {
		return this.http.get()
			.uri((since != null) ? "/api/v1/events/changes?limit={limit}&since={since}" : "/api/v1/events/changes?limit={limit}",
					limit, since)
			.header(IDENTITY, identity).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
			.getResponseBody();
	}

	private Page readAll(Partner partner, @Nullable String since, int limit) {
		return readAll(partner.header(), since, limit);
	}

	/** Every page from {@code since} until one is not full. */
	private Page readAll(String identity, @Nullable String since, int limit) {
		List<JsonNode> changes = new ArrayList<>();
		String cursor = since;
		while (true) {
			JsonNode page = page(identity, cursor, limit);
			page.get("changes").forEach(changes::add);
			cursor = page.get("nextCursor").asString();
			if (page.get("changes").size() < limit) {
				return new Page(changes, cursor);
			}
		}
	}

	record Page(List<JsonNode> changes, String cursor) {
	}

	/** A partner system's copy: events by id, kept by applying changes in order. */
	private final class Mirror {

		final Map<String, JsonNode> events = new LinkedHashMap<>();

		@Nullable String cursor;

		int tombstones;

		Map<String, JsonNode> catchUp(Partner partner) {
			Page page = readAll(partner, this.cursor, 100);
			apply(page.changes());
			this.cursor = page.cursor();
			return this.events;
		}

		void catchUpPage(Partner partner, int limit) {
			JsonNode page = page(partner, this.cursor, limit);
			List<JsonNode> changes = new ArrayList<>();
			page.get("changes").forEach(changes::add);
			apply(changes);
			this.cursor = page.get("nextCursor").asString();
		}

		void apply(List<JsonNode> changes) {
			for (JsonNode change : changes) {
				String id = change.get("id").asString();
				if (change.get("deleted").asBoolean()) {
					this.events.remove(id);
					this.tombstones++;
				}
				else {
					this.events.put(id, change.get("event"));
				}
			}
		}

	}

}
