package dk.sammen.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Seeds sample organisations and published events through the gateway's public HTTP API only,
 * as a partner would. A failing item is reported with its status and problem body and skipped;
 * the rest goes on.
 */
public final class Seeder {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

	private static final int MAX_PROBLEM_LENGTH = 600;

	private final URI gateway;

	private final String adminKey;

	private final PrintStream out;

	private final HttpClient http;

	private final Duration unauthorizedRetryBudget;

	private final ObjectMapper json = new ObjectMapper();

	/**
	 * @param gateway the gateway's base URI, such as {@code http://127.0.0.1:8080}
	 * @param adminKey the admin API key
	 * @param out where progress and failures are printed
	 */
	public Seeder(URI gateway, String adminKey, PrintStream out) {
		this(gateway, adminKey, out, Duration.ofSeconds(5));
	}

	/**
	 * @param unauthorizedRetryBudget how long a request with a new organisation's key is retried
	 * while it gets 401, because the gateway learns new keys asynchronously over Kafka
	 */
	public Seeder(URI gateway, String adminKey, PrintStream out, Duration unauthorizedRetryBudget) {
		this.gateway = gateway;
		this.adminKey = adminKey;
		this.out = out;
		this.unauthorizedRetryBudget = unauthorizedRetryBudget;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	/** Creates every organisation and publishes its events, with relative dates from {@code seedTime}. */
	public Result seed(SeedData data, ZonedDateTime seedTime) {
		int organisations = 0;
		int published = 0;
		int failures = 0;
		List<PartnerKey> keys = new ArrayList<>();
		for (SeedOrganisation organisation : data.organisations()) {
			Response created = send(post("/api/v1/admin/organisations", organisation.body(), this.adminKey, null));
			if (created.status() != 201) {
				failures += 1 + organisation.events().size();
				reportFailure("organisation '" + organisation.name() + "'", "POST /api/v1/admin/organisations", created);
				continue;
			}
			String id = created.body().path("id").asText();
			String apiKey = created.body().path("apiKey").asText();
			organisations++;
			keys.add(new PartnerKey(organisation.name(), id, apiKey));
			int publishedHere = 0;
			for (SeedEvent event : organisation.events()) {
				if (publish(organisation, event, apiKey, seedTime)) {
					publishedHere++;
				}
				else {
					failures++;
				}
			}
			published += publishedHere;
			this.out.printf("  %s: %d of %d events published%n", organisation.name(), publishedHere,
					organisation.events().size());
		}
		return new Result(organisations, published, failures, List.copyOf(keys));
	}

	/** Adds and publishes the campaign's activities with the admin key; returns how many were published. */
	public int seedActivities(SeedActivities data, ZonedDateTime seedTime) {
		String activities = "/api/v1/campaigns/" + data.campaign() + "/activities";
		int published = 0;
		for (ObjectNode activity : data.activities()) {
			ObjectNode body = SeedActivities.body(activity, seedTime);
			Response created = send(post(activities, body, this.adminKey, null));
			if (created.status() != 201) {
				reportFailure("activity '" + body.path("title").asText() + "'", "POST " + activities, created);
				continue;
			}
			String path = activities + "/" + created.body().path("id").asText() + "/publish";
			Response publication = send(post(path, null, this.adminKey, null));
			if (publication.status() != 200) {
				reportFailure("activity '" + body.path("title").asText() + "'", "POST " + path, publication);
				continue;
			}
			published++;
		}
		return published;
	}

	private boolean publish(SeedOrganisation organisation, SeedEvent event, String apiKey, ZonedDateTime seedTime) {
		ObjectNode body = event.body(seedTime);
		// the same item seeded again is the same event, not a second one
		String idempotencyKey = UUID.nameUUIDFromBytes((organisation.cvr() + '|' + body)
			.getBytes(StandardCharsets.UTF_8)).toString();
		Response created = sendWithNewKey(post("/api/v1/events", body, apiKey, idempotencyKey));
		if (created.status() != 201) {
			reportFailure("event '" + event.title() + "'", "POST /api/v1/events", created);
			return false;
		}
		String path = "/api/v1/events/" + created.body().path("id").asText() + "/publish";
		Response publication = sendWithNewKey(post(path, null, apiKey, null));
		if (publication.status() != 200) {
			reportFailure("event '" + event.title() + "'", "POST " + path, publication);
			return false;
		}
		return true;
	}

	private Response sendWithNewKey(HttpRequest request) {
		long deadline = System.nanoTime() + this.unauthorizedRetryBudget.toNanos();
		Duration backoff = Duration.ofMillis(100);
		Response response = send(request);
		while (response.status() == 401 && System.nanoTime() + backoff.toNanos() < deadline) {
			pause(backoff);
			Duration doubled = backoff.multipliedBy(2);
			backoff = (doubled.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : doubled;
			response = send(request);
		}
		return response;
	}

	private HttpRequest post(String path, @Nullable JsonNode body, String key, @Nullable String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.gateway.resolve(path))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + key)
			.header("Accept", "application/json");
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
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

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.body(), parse(response.body()));
		}
		catch (IOException ex) {
			return new Response(0, "no answer: " + ex, this.json.createObjectNode());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while seeding", ex);
		}
	}

	private JsonNode parse(String body) {
		try {
			return body.isBlank() ? this.json.createObjectNode() : this.json.readTree(body);
		}
		catch (IOException ex) {
			return this.json.createObjectNode();
		}
	}

	private void reportFailure(String item, String request, Response response) {
		String problem = response.text().strip();
		if (problem.length() > MAX_PROBLEM_LENGTH) {
			problem = problem.substring(0, MAX_PROBLEM_LENGTH) + "…";
		}
		String status = (response.status() != 0) ? String.valueOf(response.status()) : "failed";
		this.out.printf("  ✗ %s: %s → %s %s%n", item, request, status, problem);
	}

	private static void pause(Duration duration) {
		try {
			// a short backoff between retries of one request; nothing to wait on instead
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while seeding", ex);
		}
	}

	private record Response(int status, String text, JsonNode body) {
	}

	/** An organisation's API key, shown only once by the API. */
	public record PartnerKey(String organisation, String organisationId, String apiKey) {
	}

	/**
	 * What was seeded.
	 * @param organisations organisations created
	 * @param eventsPublished events created and published
	 * @param failures items that failed (an organisation that failed counts with its events)
	 * @param keys the API keys of the created organisations
	 */
	public record Result(int organisations, int eventsPublished, int failures, List<PartnerKey> keys) {

		public boolean isComplete() {
			return this.failures == 0;
		}

	}

}
