package dk.sammen.systemtests.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A client of the gateway's public HTTP API, the only way the tests reach the system: the admin
 * creates organisations and campaign activities, partners post and publish events, anyone reads
 * the feed.
 */
public final class Gateway {

	static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	// the gateway learns a new key from Kafka, usually within milliseconds (README: retry a 401)
	private static final Duration NEW_KEY_BUDGET = Duration.ofSeconds(15);

	private final URI base;

	private final String adminKey;

	private final HttpClient http;

	public Gateway(URI base, String adminKey) {
		this.base = base;
		this.adminKey = adminKey;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	public URI uri(String pathAndQuery) {
		return this.base.resolve(pathAndQuery);
	}

	public HttpClient http() {
		return this.http;
	}

	/** A public GET, with headers given as name, value, name, value … */
	public Response get(String pathAndQuery, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	/** {@code GET /api/v1/feed?<query>} as JSON, which must answer 200. */
	public Feed feed(Query query) {
		return Feed.of(get("/api/v1/feed?" + query).expect(200));
	}

	/** A new organisation (a forening with a valid, random CVR number) and its partner key. */
	public Partner newPartner(String name) {
		ObjectNode body = JSON.createObjectNode()
			.put("name", name)
			.put("cvr", randomCvr())
			.put("kind", "forening")
			.put("contactEmail", "kontakt@example.dk");
		JsonNode created = send(post("/api/v1/admin/organisations", body, this.adminKey)).expect(201).json();
		return new Partner(created.path("id").asText(), name, created.path("apiKey").asText());
	}

	/** Posts the event as a draft and publishes it; returns its id. */
	public String publishEvent(Partner partner, EventBody event) {
		String id = draftEvent(partner, event);
		publishEvent(partner, id);
		return id;
	}

	/** Posts the event as a draft; returns its id. */
	public String draftEvent(Partner partner, EventBody event) {
		// as a careful partner does; the retries for a brand-new key can then never store two events
		HttpRequest request = post("/api/v1/events", event.json(), partner.apiKey(), "Idempotency-Key",
				UUID.randomUUID().toString());
		return sendWithNewKey(request).expect(201).json().path("id").asText();
	}

	public void publishEvent(Partner partner, String id) {
		sendWithNewKey(post("/api/v1/events/" + id + "/publish", null, partner.apiKey())).expect(200);
	}

	public void cancelEvent(Partner partner, String id, String reason) {
		sendWithNewKey(post("/api/v1/events/" + id + "/cancel", JSON.createObjectNode().put("reason", reason),
				partner.apiKey()))
			.expect(200);
	}

	/** Calls off one occurrence of a recurring offer, named by its Danish date. */
	public void cancelOccurrence(Partner partner, String id, String date, String reason) {
		sendWithNewKey(post("/api/v1/events/" + id + "/occurrences/" + date + "/cancel",
				JSON.createObjectNode().put("reason", reason), partner.apiKey()))
			.expect(200);
	}

	/** A campaign created by the admin, running from today. */
	public void createCampaign(String slug, String name) {
		ObjectNode body = JSON.createObjectNode()
			.put("slug", slug)
			.put("name", name)
			.put("owner", "Sammen system tests")
			.put("description", "<p>Only for the system tests.</p>")
			.put("startsOn", Times.daysAhead(0, 0, 0).toLocalDate().toString());
		send(post("/api/v1/campaigns", body, this.adminKey)).expect(201);
	}

	/** Adds the activity to the campaign and publishes it, as the admin; returns its id. */
	public String publishActivity(String campaign, ActivityBody activity) {
		String activities = "/api/v1/campaigns/" + campaign + "/activities";
		String id = send(post(activities, activity.json(), this.adminKey)).expect(201).json().path("id").asText();
		send(post(activities + "/" + id + "/publish", null, this.adminKey)).expect(200);
		return id;
	}

	/** {@code POST /api/v1/subscriptions}, as the public page does: no key. */
	public Response subscribe(ObjectNode subscription) {
		return send(HttpRequest.newBuilder(uri("/api/v1/subscriptions"))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(subscription.toString(), StandardCharsets.UTF_8))
			.build());
	}

	/** A public POST without a body to a link from a mail, e.g. the confirmation's. */
	public Response postLink(String pathAndQuery) {
		return send(HttpRequest.newBuilder(uri(pathAndQuery))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/** A public form POST, e.g. RFC 8058's {@code List-Unsubscribe=One-Click} a mail program sends. */
	public Response postForm(String pathAndQuery, String form) {
		return send(HttpRequest.newBuilder(uri(pathAndQuery))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
			.build());
	}

	/** Starts a newsletter edition as the admin; returns its id. */
	public String startEdition(ObjectNode edition) {
		return send(post("/api/v1/admin/newsletters", edition, this.adminKey)).expect(202).json().path("id").asText();
	}

	/** The admin's view of an edition's progress. */
	public JsonNode edition(String id) {
		return send(HttpRequest.newBuilder(uri("/api/v1/admin/newsletters/" + id))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + this.adminKey)
			.header("Accept", "application/json")
			.GET()
			.build()).expect(200).json();
	}

	/**
	 * Any request with {@code key}, with headers given as name, value …: for the partner API beyond
	 * the helpers above. Sent again while the gateway may not know a brand-new key yet (401), and,
	 * as a polite client does, when the gateway asks it to slow down (429, never processed).
	 */
	public Response call(String method, String pathAndQuery, @Nullable JsonNode body, String key, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + key)
			.header("Accept", "application/json");
		if (headers.length > 0) {
			request.headers(headers);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (body != null)
				? HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)
				: HttpRequest.BodyPublishers.noBody());
		HttpRequest built = request.build();
		return await().atMost(NEW_KEY_BUDGET)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> send(built), (response) -> response.status() != 401 && response.status() != 429);
	}

	private HttpRequest post(String path, @Nullable JsonNode body, String key, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + key)
			.header("Accept", "application/json");
		if (headers.length > 0) {
			request.headers(headers);
		}
		if (body != null) {
			request.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
		}
		else {
			request.POST(HttpRequest.BodyPublishers.noBody());
		}
		return request.build();
	}

	private Response sendWithNewKey(HttpRequest request) {
		return await().atMost(NEW_KEY_BUDGET)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> send(request), (response) -> response.status() != 401);
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(request.method() + " " + request.uri(), response.statusCode(), response.headers(),
					response.body());
		}
		catch (IOException ex) {
			throw new AssertionError("No answer to " + request.method() + " " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	/** Eight digits, the first not zero, whose weighted sum (2 7 6 5 4 3 2 1) is divisible by 11. */
	static String randomCvr() {
		int[] weights = { 2, 7, 6, 5, 4, 3, 2 };
		while (true) {
			StringBuilder digits = new StringBuilder();
			int sum = 0;
			for (int i = 0; i < weights.length; i++) {
				int digit = ThreadLocalRandom.current().nextInt((i == 0) ? 1 : 0, 10);
				digits.append(digit);
				sum += digit * weights[i];
			}
			int check = (11 - sum % 11) % 11;
			if (check < 10) {
				return digits.append(check).toString();
			}
		}
	}

}
