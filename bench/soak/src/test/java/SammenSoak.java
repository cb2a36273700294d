import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Sustained mixed traffic against a running stack through its gateway, at fixed arrival rates
 * (an open model: a slower system gets the same arrivals, not fewer): the public reading the
 * feed in every format (also conditionally), partners creating, publishing and changing events,
 * people subscribing. Every request's name carries the third of the run it was sent in
 * ({@code … #1}, {@code #2}, {@code #3}), so the report shows whether latency grows over time; a
 * warm-up at the same rates comes first ({@code … #0}: cold JITs and caches, judged apart).
 * <p>
 * Partners write into a pool of {@code soak.event-pool} external ids (the first write of each
 * creates the event, later ones change it), so the stored data stays the same size and what the
 * thirds compare is time, not volume. Settings (system properties): {@code soak.base} (gateway
 * URL), {@code soak.key} (a partner API key), {@code soak.minutes}, {@code soak.warmup-seconds},
 * {@code soak.readers}, {@code soak.writers}, {@code soak.subscribers} (arrivals a second),
 * {@code soak.event-pool}.
 */
public class SammenSoak extends Simulation {

	private static final String BASE = System.getProperty("soak.base", "http://127.0.0.1:8080");

	private static final String KEY = System.getProperty("soak.key", "");

	private static final Duration LENGTH = Duration.ofSeconds(
			(long) (Double.parseDouble(System.getProperty("soak.minutes", "10")) * 60));

	private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("soak.warmup-seconds", 60));

	private static final double READERS = Double.parseDouble(System.getProperty("soak.readers", "40"));

	private static final double WRITERS = Double.parseDouble(System.getProperty("soak.writers", "4"));

	private static final double SUBSCRIBERS = Double.parseDouble(System.getProperty("soak.subscribers", "1"));

	private static final int EVENT_POOL = Integer.getInteger("soak.event-pool", 50);

	private static final List<String> KOMMUNER = List.of("0101", "0147", "0661", "0751", "0851", "0461", "0561",
			"0169");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

	private final long started = System.nanoTime();

	/** "name #n", n the third of the run the request is sent in, 0 during the warm-up. */
	private Function<Session, String> named(String name) {
		return (session) -> {
			long elapsed = System.nanoTime() - this.started - WARMUP.toNanos();
			long third = (elapsed < 0) ? 0 : Math.min(3, 1 + (3 * elapsed) / Math.max(1, LENGTH.toNanos()));
			return name + " #" + third;
		};
	}

	private static String kommune() {
		return KOMMUNER.get(ThreadLocalRandom.current().nextInt(KOMMUNER.size()));
	}

	private static String event(String title) {
		Instant starts = Instant.now().plus(Duration.ofDays(2 + ThreadLocalRandom.current().nextInt(60)));
		return "{\"title\":\"" + title + "\",\"description\":\"Kom alene eller sammen med andre. Kaffe og en snak.\","
				+ "\"programme\":\"local-partnership\",\"startsAt\":\"" + TIME.format(starts) + "\",\"endsAt\":\""
				+ TIME.format(starts.plus(Duration.ofHours(2)))
				+ "\",\"location\":{\"venue\":\"Medborgerhuset\",\"street\":\"Nørregade 1\",\"postalCode\":\"7500\","
				+ "\"city\":\"Holstebro\",\"kommuneCode\":\"0661\"},\"targetGroups\":[\"alle\"],\"languages\":[\"da\"],"
				+ "\"priceDkk\":0,\"welcome\":[\"kom-alene\"]}";
	}

	private final ChainBuilder read = exec((session) -> session.set("kommune", kommune())).exec(randomSwitch().on(
			percent(35).then(exec(http(named("feed json")).get("/api/v1/feed?kommune=#{kommune}&limit=20")
				.check(status().is(200), header("ETag").saveAs("etag")))
				.exec(http(named("feed json conditional")).get("/api/v1/feed?kommune=#{kommune}&limit=20")
					.header("If-None-Match", "#{etag}")
					.check(status().in(200, 304)))),
			percent(15).then(exec(http(named("feed ics")).get("/api/v1/feed.ics?kommune=#{kommune}")
				.check(status().is(200)))),
			percent(10).then(exec(http(named("feed atom")).get("/api/v1/feed.atom").check(status().is(200)))),
			percent(10).then(exec(http(named("feed json-ld")).get("/api/v1/feed?limit=50")
				.header("Accept", "application/ld+json")
				.check(status().is(200)))),
			percent(20).then(exec(http(named("events listing")).get("/api/v1/events?kommune=#{kommune}&limit=20")
				.check(status().is(200)))),
			percent(10).then(exec(http(named("coverage")).get("/api/v1/coverage").check(status().is(200))))));

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final ChainBuilder write = exec((session) -> session.set("externalId",
			"soak-" + this.run + "-" + ThreadLocalRandom.current().nextInt(EVENT_POOL)))
		.exec(http(named("partner upsert+publish")).put("/api/v1/events/by-external-id/#{externalId}?publish=true")
			.header("Authorization", "Bearer " + KEY)
			.header("Content-Type", "application/json")
			.body(StringBody((session) -> event("Soak fællesskab " + session.getString("externalId"))))
			.check(status().in(200, 201)))
		.exec(http(named("partner change")).put("/api/v1/events/by-external-id/#{externalId}")
			.header("Authorization", "Bearer " + KEY)
			.header("Content-Type", "application/json")
			.body(StringBody((session) -> event("Soak fællesskab, nu med kage " + session.getString("externalId"))))
			.check(status().is(200)));

	private final ChainBuilder subscribe = exec(http(named("subscribe")).post("/api/v1/subscriptions")
		.header("Content-Type", "application/json")
		.body(StringBody((session) -> "{\"email\":\"soak-" + UUID.randomUUID()
				+ "@example.dk\",\"kommuner\":[\"" + kommune() + "\"],\"language\":\"da\",\"frequency\":\"weekly\"}"))
		.check(status().is(202)));

	{
		HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/json").shareConnections();
		ScenarioBuilder readers = scenario("public reads").exec(this.read);
		ScenarioBuilder writers = scenario("partner writes").exec(this.write);
		ScenarioBuilder subscribers = scenario("subscriptions").exec(this.subscribe);
		Duration total = WARMUP.plus(LENGTH);
		// judged by bench/run per third, the warm-up apart, so no run-wide assertion here
		setUp(readers.injectOpen(constantUsersPerSec(READERS).during(total)),
				writers.injectOpen(constantUsersPerSec(WRITERS).during(total)),
				subscribers.injectOpen(constantUsersPerSec(SUBSCRIBERS).during(total)))
			.protocols(protocol);
	}

}
