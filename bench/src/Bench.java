import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dk.sammen.localstack.LocalStack;
import dk.sammen.localstack.StackPorts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The benchmarks of issue 7 on a local stack of our own (free ports, a temporary data directory),
 * each measuring our system and its reference in the same run. Run by bench/run.
 */
public class Bench {

	static final ObjectMapper JSON = new ObjectMapper();

	static final String ADMIN_KEY = "bench-admin-key-0123456789abcdef";

	static final String[] KOMMUNER = { "0101", "0147", "0661", "0791", "0329", "0751", "0851", "0461" };

	final Path root;

	final Path out;

	final Path work;

	final Map<String, String> opts;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	LocalStack stack;

	StackPorts ports;

	String partnerKey;

	int smtpSinkPort;

	Process smtpSink;

	final List<Process> extra = new ArrayList<>();

	final AtomicLong externalIds = new AtomicLong();

	Bench(Path root, Map<String, String> opts) throws IOException {
		this.root = root;
		this.opts = opts;
		this.out = root.resolve("bench/results");
		this.work = Files.createTempDirectory("sammen-bench-");
		Files.createDirectories(this.out);
	}

	public static void main(String[] args) throws Exception {
		if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
			context.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
		}
		Map<String, String> opts = new HashMap<>();
		List<String> names = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--")) {
				String[] kv = arg.substring(2).split("=", 2);
				opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
			}
			else {
				names.add(arg);
			}
		}
		if (names.isEmpty() || names.contains("all")) {
			names = List.of("gateway", "feed", "ingest", "newsletter", "scale");
		}
		Bench bench = new Bench(Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize(), opts);
		int failures = 0;
		try {
			for (String name : names) {
				long started = System.nanoTime();
				System.out.println("=== " + name + " ===");
				try {
					try {
						bench.startStack(name);
					}
					catch (IllegalStateException ex) {
						// free ports are picked before the services bind them: on a busy machine another
						// process may take one in between ("Port … was already in use"); once more on new ports
						System.err.println("  the stack did not start (" + ex.getMessage().lines().findFirst().orElse("") + "); retrying on new ports");
						bench.stopStack(name);
						bench.startStack(name + "-retry");
					}
					ObjectNode result = bench.run(name);
					result.put("wallSeconds", (System.nanoTime() - started) / 1e9);
					bench.write(name, result);
				}
				catch (Exception ex) {
					failures++;
					System.err.println("✗ " + name + " failed: " + ex);
					ex.printStackTrace();
				}
				finally {
					bench.stopStack(name);
				}
			}
		}
		finally {
			bench.stopStack("final");
		}
		System.exit(failures == 0 ? 0 : 1);
	}

	ObjectNode run(String name) throws Exception {
		return switch (name) {
			case "gateway" -> gateway();
			case "feed" -> feed();
			case "ingest" -> ingest();
			case "newsletter" -> newsletter();
			case "scale" -> scale();
			case "soak" -> soak();
			default -> throw new IllegalArgumentException("No benchmark " + name);
		};
	}

	// ---------------------------------------------------------------- the stack

	void startStack(String name) throws Exception {
		Path data = this.work.resolve("stack-" + name);
		Path jfr = this.out.resolve("jfr");
		Files.createDirectories(jfr);
		this.ports = StackPorts.free();
		LocalStack.Builder builder = LocalStack.builder(this.root)
			.ports(this.ports)
			.dataDirectory(data)
			.seed(false)
			.environment(Map.of("SAMMEN_ADMIN_KEY", ADMIN_KEY, "SAMMEN_IDENTITY_SIGNING_KEY",
					"bench-signing-key-0123456789abcdefghijklmnopqrstuvwxyz"))
			.serviceEnvironment("gateway", "SAMMEN_GATEWAY_RATELIMIT_ENABLED", "false")
			.serviceEnvironment("notification-service", "SAMMEN_NOTIFICATION_MAIL_RATEPERSECOND", "100000")
			// every benchmark client is one address; the per-client subscription limit would refuse it
			.serviceEnvironment("notification-service", "SAMMEN_NOTIFICATION_SUBSCRIPTIONS_PERCLIENTLIMIT", "100000000");
		if (name.startsWith("newsletter")) {
			this.smtpSinkPort = freePort();
			this.smtpSink = new ProcessBuilder("smtp-sink", "-u", "postfix", "127.0.0.1:" + this.smtpSinkPort, "1000")
				.redirectErrorStream(true)
				.redirectOutput(this.work.resolve("smtp-sink.log").toFile())
				.start();
			builder.serviceEnvironment("notification-service", "SPRING_MAIL_PORT", String.valueOf(this.smtpSinkPort));
		}
		if (!this.opts.containsKey("no-jfr")) {
			for (String service : List.of("events-service", "campaign-service", "notification-service", "gateway")) {
				builder.serviceEnvironment(service, "JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename="
						+ jfr.resolve(name + "-" + service + ".jfr") + ",settings=profile,dumponexit=true");
			}
		}
		this.stack = builder.build();
		this.stack.start();
		this.partnerKey = createOrganisation();
	}

	void stopStack(String name) {
		for (Process p : this.extra) {
			p.destroy();
			try {
				p.waitFor(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			p.destroyForcibly();
		}
		this.extra.clear();
		if (this.stack != null) {
			this.stack.close();
			this.stack = null;
		}
		if (this.smtpSink != null) {
			this.smtpSink.destroy();
			this.smtpSink = null;
		}
	}

	String gw() {
		return "http://127.0.0.1:" + this.ports.gateway();
	}

	String ev() {
		return "http://127.0.0.1:" + this.ports.events();
	}

	String createOrganisation() throws Exception {
		String cvr = cvr(10000000 + (int) (Math.random() * 8000000));
		JsonNode answer = post(gw() + "/api/v1/admin/organisations", ADMIN_KEY, null,
				"{\"name\":\"Bench " + cvr + "\",\"cvr\":\"" + cvr + "\",\"kind\":\"forening\",\"contactEmail\":\"bench@example.dk\"}", 201);
		String key = answer.path("apiKey").asText();
		// the gateway learns new keys asynchronously over Kafka
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<Void> me = this.http.send(HttpRequest.newBuilder(URI.create(gw() + "/api/v1/organisations/me"))
				.header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.discarding());
			if (me.statusCode() != 401) {
				return key;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the gateway never accepted the new API key");
	}

	static String cvr(int seed) {
		int[] weights = { 2, 7, 6, 5, 4, 3, 2, 1 };
		for (int n = seed;; n++) {
			String s = String.valueOf(n);
			int sum = 0;
			for (int i = 0; i < 8; i++) {
				sum += weights[i] * (s.charAt(i) - '0');
			}
			if (sum % 11 == 0) {
				return s;
			}
		}
	}

	// ---------------------------------------------------------------- data

	String event(long i) {
		Instant starts = Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofMinutes(i % 200_000));
		String kommune = KOMMUNER[(int) (i % KOMMUNER.length)];
		DateTimeFormatter f = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);
		return "{\"title\":\"Bench fællesskab " + i + "\",\"description\":\"Kom alene eller sammen med andre. Kaffe og en snak.\","
				+ "\"programme\":\"local-partnership\",\"startsAt\":\"" + f.format(starts) + "\",\"endsAt\":\""
				+ f.format(starts.plus(Duration.ofHours(2))) + "\",\"location\":{\"venue\":\"Medborgerhuset\",\"street\":\"Nørregade 1\","
				+ "\"postalCode\":\"7500\",\"city\":\"Holstebro\",\"kommuneCode\":\"" + kommune + "\"},\"targetGroups\":[\"alle\"],"
				+ "\"languages\":[\"da\"],\"priceDkk\":0,\"welcome\":[\"kom-alene\"]}";
	}

	/** One batch of published events through the gateway; returns the ids accepted. */
	List<String> batch(int size) throws Exception {
		StringBuilder body = new StringBuilder("{\"events\":[");
		for (int i = 0; i < size; i++) {
			body.append(i == 0 ? "" : ",").append(event(this.externalIds.incrementAndGet()));
		}
		body.append("]}");
		JsonNode answer = post(gw() + "/api/v1/events/batch?publish=true", this.partnerKey, null, body.toString(), -1);
		List<String> ids = new ArrayList<>();
		for (JsonNode result : answer.path("results")) {
			if (result.hasNonNull("id") && !result.has("problem")) {
				ids.add(result.path("id").asText());
			}
		}
		if (ids.isEmpty()) {
			throw new IllegalStateException("batch accepted nothing: " + answer.toString().substring(0, Math.min(600, answer.toString().length())));
		}
		return ids;
	}

	/**
	 * Publishes {@code count} events with {@code parallel} concurrent batches of {@code --seed-batch}
	 * (100) events; returns events/s. Larger batches outlast the gateway's 30 s response timeout once
	 * thousands of events are stored on the MongoDB-wire server.
	 */
	double seed(int count, int parallel) throws Exception {
		long started = System.nanoTime();
		int seedBatch = Integer.parseInt(this.opts.getOrDefault("seed-batch", "100"));
		AtomicInteger remaining = new AtomicInteger(count);
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < parallel; t++) {
			futures.add(pool.submit(() -> {
				int n;
				while ((n = Math.min(seedBatch, remaining.getAndAdd(-seedBatch))) > 0) {
					done.addAndGet(batch(n).size());
				}
				return null;
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		double rate = done.get() / ((System.nanoTime() - started) / 1e9);
		System.out.printf("  seeded %d events at %.0f/s%n", done.get(), rate);
		return rate;
	}

	// ---------------------------------------------------------------- 1 gateway

	ObjectNode gateway() throws Exception {
		ObjectNode r = result("gateway");
		seed(200, 2);
		Nginx nginx = Nginx.start(this.work);
		try {
			String duration = this.opts.getOrDefault("duration", "10s");
			int c = Integer.parseInt(this.opts.getOrDefault("connections", "32"));
			String query = "/api/v1/events?limit=10&kommune=0101";
			ObjectNode runs = r.putObject("runs");
			Wrk direct = wrk(ev() + query, c, duration, null);
			Wrk viaGateway = wrk(gw() + query, c, duration, null);
			Wrk staticNginx = wrk(nginx.staticUrl(), c, duration, null);
			Wrk proxyNginx = wrk(nginx.proxyUrl(), c, duration, null);
			// light load: a quarter of the connections, close to half of the saturated rate on this box
			int light = Math.max(1, c / 8);
			Wrk directLight = wrk(ev() + query, light, duration, null);
			Wrk gatewayLight = wrk(gw() + query, light, duration, null);
			runs.set("direct", direct.json());
			runs.set("gateway", viaGateway.json());
			runs.set("nginxStatic", staticNginx.json());
			runs.set("nginxProxy", proxyNginx.json());
			runs.set("directLight", directLight.json());
			runs.set("gatewayLight", gatewayLight.json());
			ObjectNode ratios = r.putObject("ratios");
			ratios.put("gatewayToDirect", viaGateway.rps / direct.rps);
			ratios.put("nginxProxyToStatic", proxyNginx.rps / staticNginx.rps);
			ratios.put("gatewayAddedP99MsLight", gatewayLight.p99 - directLight.p99);
			ratios.put("lightLoadFractionOfSaturated", directLight.rps / direct.rps);
			ObjectNode targets = r.putObject("targets");
			targets.put("gatewayToDirect>=0.5", viaGateway.rps / direct.rps >= 0.5);
			targets.put("addedP99<=5ms", gatewayLight.p99 - directLight.p99 <= 5);
			r.put("query", query);
			r.put("connections", c);
			r.put("lightConnections", light);
			memory(r, "underLoad");
			chartPercentiles("gateway", new String[] { "direct", "gateway", "nginx static", "nginx proxy", "direct light", "gateway light" },
					new Wrk[] { direct, viaGateway, staticNginx, proxyNginx, directLight, gatewayLight });
		}
		finally {
			nginx.stop();
		}
		return r;
	}

	// ---------------------------------------------------------------- 2 feed

	ObjectNode feed() throws Exception {
		ObjectNode r = result("feed");
		memory(r, "idle");
		Nginx nginx = Nginx.start(this.work);
		try {
			String duration = this.opts.getOrDefault("duration", "10s");
			int c = Integer.parseInt(this.opts.getOrDefault("connections", "16"));
			int stored = 0;
			ObjectNode sizes = r.putObject("sizes");
			List<String> labels = new ArrayList<>();
			List<Wrk> runs = new ArrayList<>();
			for (String s : this.opts.getOrDefault("feed-sizes", "10000").split(",")) {
				int size = Integer.parseInt(s);
				ObjectNode at = sizes.putObject(s);
				at.put("seedEventsPerSecond", seed(size - stored, 3));
				stored = size;
				Thread.sleep(2000);
				at.put("outboxDrainSeconds", awaitOutboxDrained(Duration.ofMinutes(5)));
				String q = "?limit=50&kommune=0101";
				Wrk direct = wrk(ev() + "/api/v1/events" + q, c, duration, null);
				Wrk json = wrk(gw() + "/api/v1/feed" + q, c, duration, null);
				Wrk ics = wrk(gw() + "/api/v1/feed.ics" + q, c, duration, null);
				String etag = etag(gw() + "/api/v1/feed" + q);
				Wrk notModified = wrk(gw() + "/api/v1/feed" + q, c, duration, "If-None-Match: " + etag);
				Wrk nginxStatic = wrk(nginx.staticUrl(), c, duration, null);
				at.set("eventsDirect", direct.json());
				at.set("feedJson", json.json());
				at.set("feedIcs", ics.json());
				at.set("feed304", notModified.json());
				at.set("nginxStatic", nginxStatic.json());
				ObjectNode ratios = at.putObject("ratios");
				ratios.put("feedJsonToDirect", json.rps / direct.rps);
				ratios.put("feedIcsToDirect", ics.rps / direct.rps);
				ratios.put("feed304ToNginxStatic", notModified.rps / nginxStatic.rps);
				ObjectNode targets = at.putObject("targets");
				targets.put("feedJsonToDirect>=0.35", json.rps / direct.rps >= 0.35);
				targets.put("feedIcsToDirect>=0.35", ics.rps / direct.rps >= 0.35);
				targets.put("feed304ToNginxStatic>=0.5", notModified.rps / nginxStatic.rps >= 0.5);
				for (String[] l : new String[][] { { "direct", null }, { "json", null }, { "ics", null }, { "304", null } }) {
					labels.add(l[0] + " " + s);
				}
				runs.addAll(List.of(direct, json, ics, notModified));
			}
			r.put("connections", c);
			memory(r, "underLoad");
			chartPercentiles("feed", labels.toArray(String[]::new), runs.toArray(Wrk[]::new));
		}
		finally {
			nginx.stop();
		}
		return r;
	}

	/**
	 * Waits until events-service's outbox has moved every seeded event onto Kafka (its
	 * {@code sammen.outbox.backlog} gauges read 0 twice, a second apart; they are sampled every
	 * 500 ms). Until then the relay competes for the same CPUs and database as what is measured,
	 * and each record it sends tells the gateway that the feed may have changed, so conditional
	 * GETs would measure the relay. Returns the seconds waited; gives up after {@code max}.
	 */
	double awaitOutboxDrained(Duration max) throws Exception {
		long started = System.nanoTime();
		int zeros = 0;
		while (zeros < 2 && System.nanoTime() - started < max.toNanos()) {
			String metrics = this.http.send(HttpRequest.newBuilder(URI.create(ev() + "/actuator/prometheus")).GET().build(),
					HttpResponse.BodyHandlers.ofString()).body();
			double backlog = metrics.lines()
				.filter((line) -> line.startsWith("sammen_outbox_backlog"))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
			zeros = (backlog == 0) ? zeros + 1 : 0;
			if (zeros < 2) {
				Thread.sleep(1000);
			}
		}
		double waited = (System.nanoTime() - started) / 1e9;
		System.out.printf("  outbox %s after %.0f s%n", zeros >= 2 ? "drained" : "NOT drained", waited);
		return waited;
	}

	String etag(String url) throws Exception {
		HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
				HttpResponse.BodyHandlers.discarding());
		return response.headers().firstValue("ETag").orElseThrow();
	}

	// ---------------------------------------------------------------- 3 ingest

	ObjectNode ingest() throws Exception {
		ObjectNode r = result("ingest");
		int seconds = Integer.parseInt(this.opts.getOrDefault("ingest-seconds", "20"));
		try {
			seed(500, 1); // warm-up, creates the topic
		}
		catch (Exception ex) {
			// on a loaded machine one 500-event batch can outlast the gateway's 30 s timeout; the events
			// are still stored and relayed, so the measurement can go on (it used to end the benchmark)
			System.err.println("  warm-up batch failed, going on: " + ex.getMessage());
		}
		Thread.sleep(2000);
		Tracker tracker = new Tracker(this.ports.kafka(), "sammen.events.v1");
		Sse sse = new Sse(gw() + "/api/v1/feed/stream");
		tracker.start();
		sse.start();
		Thread.sleep(3000);
		try {
			// single: PUT by external id with ?publish=true, 8 concurrent clients
			ObjectNode single = r.putObject("single");
			run(single, tracker, sse, seconds, 8, () -> {
				long id = this.externalIds.incrementAndGet();
				long sent = System.nanoTime();
				HttpRequest request = HttpRequest.newBuilder(URI.create(gw() + "/api/v1/events/by-external-id/bench-" + id + "?publish=true"))
					.header("Authorization", "Bearer " + this.partnerKey)
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(event(id)))
					.build();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() / 100 != 2) {
					throw new IllegalStateException("PUT " + response.statusCode() + " " + response.body());
				}
				String eventId = JSON.readTree(response.body()).path("id").asText();
				return Map.of(eventId, sent);
			});
			ObjectNode batch = r.putObject("batch");
			run(batch, tracker, sse, seconds, 2, () -> {
				long sent = System.nanoTime();
				Map<String, Long> ids = new HashMap<>();
				for (String id : batch(500)) {
					ids.put(id, sent);
				}
				return ids;
			});
			memory(r, "underLoad");
		}
		finally {
			tracker.stop();
			sse.stop();
		}
		ObjectNode ceiling = r.putObject("rawProducer");
		double rawRate = rawProducer(ceiling);
		ObjectNode ratios = r.putObject("ratios");
		double best = Math.max(r.path("single").path("acceptedPerSecond").asDouble(), r.path("batch").path("acceptedPerSecond").asDouble());
		ratios.put("bestIngestToRawProducer", best / rawRate);
		ObjectNode targets = r.putObject("targets");
		targets.put(">=1000/s", best >= 1000);
		targets.put("batchKafkaP99<=50ms", r.path("batch").path("publishToKafkaMs").path("p99").asDouble() <= 50);
		targets.put("batchFeedP99<1s", r.path("batch").path("publishToSseMs").path("p99").asDouble() < 1000);
		chartLatency("ingest", r);
		return r;
	}

	interface Call {
		Map<String, Long> call() throws Exception;
	}

	void run(ObjectNode r, Tracker tracker, Sse sse, int seconds, int clients, Call call) throws Exception {
		Map<String, Long> sent = new ConcurrentHashMap<>();
		AtomicInteger errors = new AtomicInteger();
		long started = System.nanoTime();
		long end = started + seconds * 1_000_000_000L;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < clients; t++) {
			futures.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					try {
						sent.putAll(call.call());
					}
					catch (Exception ex) {
						if (errors.incrementAndGet() < 3) {
							System.err.println("  " + ex);
						}
					}
				}
				return null;
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		double elapsed = (System.nanoTime() - started) / 1e9;
		// wait until the topic and the stream have them (or 60 s)
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < deadline && (!tracker.seen.keySet().containsAll(sent.keySet()))) {
			Thread.sleep(200);
		}
		Thread.sleep(1500);
		double kafkaDrained = (System.nanoTime() - started) / 1e9;
		r.put("clients", clients);
		r.put("seconds", elapsed);
		r.put("accepted", sent.size());
		r.put("errors", errors.get());
		r.put("acceptedPerSecond", sent.size() / elapsed);
		int onKafka = 0;
		List<Double> kafka = new ArrayList<>();
		List<Double> feed = new ArrayList<>();
		for (Map.Entry<String, Long> e : sent.entrySet()) {
			Long k = tracker.seen.get(e.getKey());
			if (k != null) {
				onKafka++;
				kafka.add((k - e.getValue()) / 1e6);
			}
			Long s = sse.seen.get(e.getKey());
			if (s != null) {
				feed.add((s - e.getValue()) / 1e6);
			}
		}
		r.put("onKafka", onKafka);
		r.put("onKafkaPerSecondUntilDrained", onKafka / kafkaDrained);
		r.put("onStream", feed.size());
		r.set("publishToKafkaMs", percentiles(kafka));
		r.set("publishToSseMs", percentiles(feed));
		System.out.printf("  %d clients: %d accepted in %.1f s (%.0f/s), kafka p99 %.0f ms, stream p99 %.0f ms%n", clients,
				sent.size(), elapsed, sent.size() / elapsed, r.path("publishToKafkaMs").path("p99").asDouble(),
				r.path("publishToSseMs").path("p99").asDouble());
	}

	static ObjectNode percentiles(List<Double> values) {
		ObjectNode n = JSON.createObjectNode();
		n.put("count", values.size());
		if (values.isEmpty()) {
			return n;
		}
		Collections.sort(values);
		for (double p : new double[] { 50, 90, 99, 99.9 }) {
			int i = (int) Math.min(values.size() - 1, Math.ceil(p / 100 * values.size()) - 1);
			n.put("p" + (p == 99.9 ? "999" : String.valueOf((int) p)), values.get(Math.max(0, i)));
		}
		n.put("max", values.get(values.size() - 1));
		return n;
	}

	/** kafka-producer-perf-test's loop: N records of S bytes, acks=all, default batching, on the same broker. */
	double rawProducer(ObjectNode r) throws Exception {
		int records = Integer.parseInt(this.opts.getOrDefault("producer-records", "300000"));
		int size = 1024;
		Properties p = new Properties();
		p.put("bootstrap.servers", "127.0.0.1:" + this.ports.kafka());
		p.put("acks", "all");
		p.put("key.serializer", ByteArraySerializer.class.getName());
		p.put("value.serializer", ByteArraySerializer.class.getName());
		byte[] payload = new byte[size];
		Arrays.fill(payload, (byte) 'x');
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		long started;
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
			producer.partitionsFor("bench.producer-perf");
			started = System.nanoTime();
			for (int i = 0; i < records; i++) {
				long sent = System.nanoTime();
				boolean sample = i % 100 == 0;
				producer.send(new ProducerRecord<>("bench.producer-perf", payload), (md, ex) -> {
					if (sample) {
						latencies.add((System.nanoTime() - sent) / 1e6);
					}
				});
			}
			producer.flush();
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		double rate = records / elapsed;
		r.put("tool", "KafkaProducer loop equivalent to kafka-producer-perf-test (acks=all, producer defaults)");
		r.put("records", records);
		r.put("recordBytes", size);
		r.put("recordsPerSecond", rate);
		r.put("mbPerSecond", rate * size / 1e6);
		r.set("sendLatencyMs", percentiles(new ArrayList<>(latencies)));
		System.out.printf("  raw producer: %.0f records/s (%d B)%n", rate, size);
		return rate;
	}

	/** Records when each event id first appears on a topic (the record key). */
	static final class Tracker {

		final Map<String, Long> seen = new ConcurrentHashMap<>();

		final AtomicBoolean running = new AtomicBoolean(true);

		final Thread thread;

		Tracker(int port, String topic) {
			this.thread = new Thread(() -> {
				Properties p = new Properties();
				p.put("bootstrap.servers", "127.0.0.1:" + port);
				p.put("key.deserializer", StringDeserializer.class.getName());
				p.put("value.deserializer", StringDeserializer.class.getName());
				p.put("fetch.max.wait.ms", "5");
				try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
					List<TopicPartition> partitions = new ArrayList<>();
					for (PartitionInfo info : consumer.partitionsFor(topic)) {
						partitions.add(new TopicPartition(topic, info.partition()));
					}
					consumer.assign(partitions);
					consumer.seekToEnd(partitions);
					while (this.running.get()) {
						for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
							long now = System.nanoTime();
							String id = record.key();
							if (id == null || id.isEmpty()) {
								Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(record.value());
								id = m.find() ? m.group(1) : null;
							}
							if (id != null) {
								this.seen.putIfAbsent(id, now);
							}
						}
					}
				}
			}, "bench-tracker");
		}

		void start() {
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join(5000);
		}

	}

	/** Records when each item id first arrives on the feed's Server-Sent Events stream. */
	final class Sse {

		final Map<String, Long> seen = new ConcurrentHashMap<>();

		final String url;

		volatile InputStream body;

		Thread thread;

		Sse(String url) {
			this.url = url;
		}

		void start() {
			this.thread = new Thread(() -> {
				try {
					HttpResponse<InputStream> response = Bench.this.http.send(
							HttpRequest.newBuilder(URI.create(this.url)).header("Accept", "text/event-stream").GET().build(),
							HttpResponse.BodyHandlers.ofInputStream());
					this.body = response.body();
					BufferedReader reader = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8));
					Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
					String line;
					while ((line = reader.readLine()) != null) {
						if (line.startsWith("data:")) {
							long now = System.nanoTime();
							Matcher m = id.matcher(line);
							if (m.find()) {
								this.seen.putIfAbsent(m.group(1), now);
							}
						}
					}
				}
				catch (Exception ex) {
					// closed
				}
			}, "bench-sse");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void stop() throws IOException {
			if (this.body != null) {
				this.body.close();
			}
		}

	}

	// ---------------------------------------------------------------- 4 newsletter

	ObjectNode newsletter() throws Exception {
		ObjectNode r = result("newsletter");
		int subscribers = Integer.parseInt(this.opts.getOrDefault("subscribers", "10000"));
		r.put("subscribers", subscribers);
		r.put("seeding", "confirmed subscribers written directly into notification-service's database (collection subscribers), "
				+ "because double opt-in through the API costs a mail and a confirmation per address");
		long seeded = System.nanoTime();
		seedSubscribers(subscribers);
		r.put("seedSeconds", (System.nanoTime() - seeded) / 1e9);
		// a few campaign activities would need campaign-service; the campaign letter carries the admin's text
		ObjectNode one = r.putObject("oneReplica");
		edition(one, subscribers);
		// second replica in the same consumer group
		Process second = startSecondNotification();
		this.extra.add(second);
		Thread.sleep(15000); // let the consumer group rebalance over both
		ObjectNode two = r.putObject("twoReplicas");
		edition(two, subscribers);
		memory(r, "afterLoad");
		ObjectNode ceiling = r.putObject("smtpSourceCeiling");
		double ceilingRate = smtpSource(ceiling, Math.min(subscribers, 20000));
		double rate1 = one.path("mailsPerSecond").asDouble();
		double rate2 = two.path("mailsPerSecond").asDouble();
		ObjectNode ratios = r.putObject("ratios");
		ratios.put("oneReplicaToCeiling", rate1 / ceilingRate);
		ratios.put("twoReplicasToCeiling", rate2 / ceilingRate);
		ratios.put("twoToOne", rate2 / rate1);
		ObjectNode targets = r.putObject("targets");
		targets.put("oneReplica>=1000/s", rate1 >= 1000);
		targets.put("twoReplicas>=1.7x", rate2 / rate1 >= 1.7);
		return r;
	}

	void seedSubscribers(int count) {
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + this.ports.mongo())) {
			var collection = client.getDatabase("sammen-notification").getCollection("subscribers");
			Instant now = Instant.now();
			List<Document> page = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String id = "bench%07d".formatted(i);
				page.add(new Document("_id", id).append("email", id + "@bench.example.dk")
					.append("status", "CONFIRMED")
					.append("preferences", new Document("kommuner", List.of()).append("regions", List.of())
						.append("programmes", List.of())
						.append("language", "DA")
						.append("frequency", "WEEKLY"))
					.append("consents", List.of(new Document("at", java.util.Date.from(now)).append("action", "confirmed")
						.append("how", "bench seed")
						.append("textVersion", "1")))
					.append("mailRequests", 1)
					.append("createdAt", java.util.Date.from(now))
					.append("confirmedAt", java.util.Date.from(now))
					.append("version", 1L)
					.append("_class", "dk.sammen.notification.subscription.Subscriber"));
				if (page.size() == 1000 || i == count - 1) {
					Mono.from(collection.insertMany(page)).block(Duration.ofMinutes(2));
					page = new ArrayList<>();
				}
			}
		}
	}

	void edition(ObjectNode r, int expected) throws Exception {
		long started = System.nanoTime();
		JsonNode created = post(gw() + "/api/v1/admin/newsletters", ADMIN_KEY, "bench-" + System.nanoTime(),
				"{\"kind\":\"campaign\",\"campaign\":\"vaer-en-som-raekker-ud\",\"subject\":{\"da\":\"Bench\",\"en\":\"Bench\"},"
						+ "\"body\":{\"da\":\"Ræk ud til en, du kender. " + "Lidt tekst. ".repeat(100) + "\",\"en\":\"Reach out. "
						+ "Some text. ".repeat(100) + "\"}}",
				202);
		String id = created.path("id").asText();
		JsonNode status = null;
		long deadline = System.nanoTime() + Duration.ofMinutes(Long.parseLong(this.opts.getOrDefault("newsletter-minutes", "6"))).toNanos();
		List<double[]> progress = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			status = get(gw() + "/api/v1/admin/newsletters/" + id, ADMIN_KEY);
			long done = status.path("sent").asLong() + status.path("failed").asLong() + status.path("skipped").asLong();
			progress.add(new double[] { (System.nanoTime() - started) / 1e9, status.path("sent").asLong() });
			if ("completed".equals(status.path("status").asText()) || done >= expected) {
				break;
			}
			Thread.sleep(1000);
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		r.put("edition", id);
		r.set("status", status);
		r.put("wallSeconds", elapsed);
		long sent = status.path("sent").asLong();
		r.put("mailsPerSecond", sent / elapsed);
		// the steady rate: between 10 % and 90 % of the mails
		double t10 = Double.NaN, t90 = Double.NaN;
		for (double[] p : progress) {
			if (Double.isNaN(t10) && p[1] >= 0.1 * expected) {
				t10 = p[0];
			}
			if (Double.isNaN(t90) && p[1] >= 0.9 * expected) {
				t90 = p[0];
			}
		}
		if (!Double.isNaN(t90) && t90 > t10) {
			r.put("steadyMailsPerSecond10to90", 0.8 * expected / (t90 - t10));
		}
		System.out.printf("  edition %s: %d sent in %.1f s (%.0f mails/s)%n", id, sent, elapsed, sent / elapsed);
	}

	Process startSecondNotification() throws Exception {
		int port = freePort();
		Path jar;
		try (var files = Files.list(this.root.resolve("notification-service/target"))) {
			jar = files.filter((f) -> f.getFileName().toString().matches("notification-service-\\d.*\\.jar")
					&& !f.getFileName().toString().matches(".*-(sources|javadoc|tests|plain)\\.jar")).findFirst().orElseThrow();
		}
		ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar",
				jar.toString());
		Map<String, String> env = builder.environment();
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("SPRING_MONGODB_URI", "mongodb://127.0.0.1:" + this.ports.mongo() + "/sammen-notification");
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + this.ports.kafka());
		env.put("SPRING_MAIL_HOST", "127.0.0.1");
		env.put("SPRING_MAIL_PORT", String.valueOf(this.smtpSinkPort));
		env.put("SAMMEN_NOTIFICATION_LINKS_BASEURL", gw());
		env.put("SAMMEN_ADMIN_KEY", ADMIN_KEY);
		env.put("SAMMEN_IDENTITY_SIGNING_KEY", "bench-signing-key-0123456789abcdefghijklmnopqrstuvwxyz");
		env.put("SAMMEN_NOTIFICATION_MAIL_RATEPERSECOND", "100000");
		builder.redirectErrorStream(true).redirectOutput(this.work.resolve("notification-service-2.log").toFile());
		Process process = builder.start();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					System.out.println("  second notification-service ready on " + port);
					return process;
				}
			}
			catch (IOException ex) {
				// not yet
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("second notification-service exited; see " + this.work.resolve("notification-service-2.log"));
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("second notification-service not ready");
	}

	double smtpSource(ObjectNode r, int messages) throws Exception {
		long started = System.nanoTime();
		Process p = new ProcessBuilder("smtp-source", "-d", "-s", "1", "-l", "5120", "-m", String.valueOf(messages), "-f",
				"bench@example.dk", "-t", "sink@example.dk", "127.0.0.1:" + this.smtpSinkPort).redirectErrorStream(true)
			.redirectOutput(this.work.resolve("smtp-source.log").toFile())
			.start();
		p.waitFor(10, TimeUnit.MINUTES);
		double elapsed = (System.nanoTime() - started) / 1e9;
		double rate = messages / elapsed;
		r.put("tool", "smtp-source -d -s 1 -l 5120 (one reused connection, 5 KB mails)");
		r.put("messages", messages);
		r.put("exitCode", p.exitValue());
		r.put("mailsPerSecond", rate);
		System.out.printf("  smtp-source ceiling: %.0f mails/s%n", rate);
		return rate;
	}

	// ---------------------------------------------------------------- 5 scale

	ObjectNode scale() throws Exception {
		ObjectNode r = result("scale");
		memory(r, "idle");
		String duration = this.opts.getOrDefault("duration", "8s");
		int stored = 0;
		ObjectNode sizes = r.putObject("sizes");
		List<String> labels = new ArrayList<>();
		List<Wrk> runs = new ArrayList<>();
		for (String s : this.opts.getOrDefault("scale-sizes", "2000,10000,30000").split(",")) {
			int size = Integer.parseInt(s);
			ObjectNode at = sizes.putObject(s);
			int toSeed = size - stored;
			at.put("ingestEventsPerSecond", seed(toSeed, 3));
			at.put("ingestedBatch", toSeed);
			stored = size;
			Thread.sleep(2000);
			String q = "?limit=50&kommune=0101";
			Wrk feed = wrk(gw() + "/api/v1/feed" + q, 4, duration, null);
			Wrk direct = wrk(ev() + "/api/v1/events" + q, 4, duration, null);
			// a page deep in the data: a later window
			Wrk later = wrk(gw() + "/api/v1/feed?limit=50&from=" + Instant.now().plus(Duration.ofDays(60)).toString().substring(0, 10), 4,
					duration, null);
			at.set("feedJson", feed.json());
			at.set("eventsDirect", direct.json());
			at.set("feedJsonLaterWindow", later.json());
			memory(at, "underLoad");
			labels.add("feed " + s);
			runs.add(feed);
		}
		chartPercentiles("scale", labels.toArray(String[]::new), runs.toArray(Wrk[]::new));
		return r;
	}

	// ---------------------------------------------------------------- soak (issue 8)

	/**
	 * Sustained mixed traffic (bench/soak, Gatling at fixed arrival rates) for a fixed time, while
	 * every service's heap is sampled from its Prometheus endpoint. Judged per third of the run:
	 * no failed request, p99 of the last third not above the first's by more than half (plus 5 ms
	 * of noise), and the heap's troughs (what survives collection) not growing by more than a
	 * quarter.
	 */
	ObjectNode soak() throws Exception {
		ObjectNode r = result("soak");
		double minutes = Double.parseDouble(this.opts.getOrDefault("soak-minutes", "10"));
		String readers = this.opts.getOrDefault("soak-readers", "40");
		String writers = this.opts.getOrDefault("soak-writers", "4");
		String subscribers = this.opts.getOrDefault("soak-subscribers", "1");
		String warmup = this.opts.getOrDefault("soak-warmup-seconds", "60");
		r.put("seedEventsPerSecond", seed(Integer.parseInt(this.opts.getOrDefault("soak-events", "2000")), 2));
		r.put("outboxDrainSeconds", awaitOutboxDrained(Duration.ofMinutes(5)));
		Map<String, Integer> services = new LinkedHashMap<>();
		services.put("gateway", this.ports.gateway());
		services.put("events-service", this.ports.events());
		services.put("campaign-service", this.ports.campaign());
		services.put("notification-service", this.ports.notification());
		Map<String, List<double[]>> heap = new ConcurrentHashMap<>();
		long started = System.nanoTime();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleAtFixedRate(() -> services.forEach((service, port) -> {
			try {
				double used = heapUsedBytes(port);
				heap.computeIfAbsent(service, (key) -> Collections.synchronizedList(new ArrayList<>()))
					.add(new double[] { (System.nanoTime() - started) / 1e9, used / 1048576.0 });
			}
			catch (Exception ex) {
				System.err.println("  heap sample of " + service + " failed: " + ex.getMessage());
			}
		}), 0, 2, TimeUnit.SECONDS);
		Path log = this.work.resolve("gatling.log");
		Process gatling = new ProcessBuilder(this.root.resolve("mvnw").toString(), "-B", "-f",
				this.root.resolve("bench/soak/pom.xml").toString(), "gatling:test", "-Dsoak.base=" + gw(),
				"-Dsoak.key=" + this.partnerKey, "-Dsoak.minutes=" + minutes, "-Dsoak.warmup-seconds=" + warmup,
				"-Dsoak.readers=" + readers, "-Dsoak.event-pool=" + this.opts.getOrDefault("soak-event-pool", "50"),
				"-Dsoak.writers=" + writers, "-Dsoak.subscribers=" + subscribers)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		int exit = gatling.waitFor();
		sampler.shutdownNow();
		double seconds = (System.nanoTime() - started) / 1e9;
		double warm = Double.parseDouble(warmup);
		r.put("gatlingExitCode", exit);
		r.put("settings", "%s s warm-up, then %s min; arrivals a second: %s public reads, %s partner writes (upsert+publish, change) into %s events, %s subscriptions"
			.formatted(warmup, minutes, readers, writers, this.opts.getOrDefault("soak-event-pool", "50"), subscribers));
		Path reports = this.root.resolve("bench/soak/target/gatling");
		Path stats;
		try (var runs = Files.list(reports)) {
			Path latest = runs.filter(Files::isDirectory).max(Comparator.comparing(Path::getFileName)).orElseThrow(
					() -> new IllegalStateException("Gatling wrote no report; see " + log));
			stats = latest.resolve("index.html");
			r.put("gatlingReport", this.root.relativize(latest).toString());
		}
		ObjectNode requests = gatlingRequests(stats);
		r.set("requests", requests);
		long failed = 0;
		long warmupFailed = 0;
		for (var fields = requests.fields(); fields.hasNext();) {
			var e = fields.next();
			if (e.getKey().endsWith(" #0")) {
				warmupFailed += e.getValue().path("ko").asLong();
			}
			else {
				failed += e.getValue().path("ko").asLong();
			}
		}
		r.put("failedRequests", failed);
		r.put("failedRequestsDuringWarmup", warmupFailed);
		// per request kind: the last third against the first
		ObjectNode growth = r.putObject("latencyGrowth");
		boolean latencyFlat = true;
		for (var names = requests.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (name.endsWith(" #1") && requests.has(name.replace(" #1", " #3"))) {
				double first = requests.path(name).path("p99Ms").asDouble();
				double last = requests.path(name.replace(" #1", " #3")).path("p99Ms").asDouble();
				boolean flat = last <= first * 1.5 + 5;
				growth.put(name.replace(" #1", ""), "p99 %.0f → %.0f ms%s".formatted(first, last, flat ? "" : " (grew)"));
				latencyFlat &= flat;
			}
		}
		ObjectNode heapNode = r.putObject("heapMb");
		boolean heapBounded = true;
		for (Map.Entry<String, List<double[]>> e : heap.entrySet()) {
			double[] troughs = new double[3];
			double[] peaks = new double[3];
			Arrays.fill(troughs, Double.MAX_VALUE);
			for (double[] sample : e.getValue()) {
				if (sample[0] < warm) {
					continue;
				}
				int third = (int) Math.min(2, 3 * (sample[0] - warm) / (seconds - warm));
				troughs[third] = Math.min(troughs[third], sample[1]);
				peaks[third] = Math.max(peaks[third], sample[1]);
			}
			boolean bounded = troughs[2] <= troughs[0] * 1.25 + 16;
			heapNode.put(e.getKey(), "troughs %.0f / %.0f / %.0f MB, peaks %.0f / %.0f / %.0f MB%s".formatted(troughs[0],
					troughs[1], troughs[2], peaks[0], peaks[1], peaks[2], bounded ? "" : " (grew)"));
			heapBounded &= bounded;
		}
		ObjectNode targets = r.putObject("targets");
		targets.put("error rate 0 (after the warm-up)", failed == 0);
		targets.put("latency not growing (p99 last third <= 1.5 x first + 5 ms, every request kind)", latencyFlat);
		targets.put("heap bounded (trough of last third <= 1.25 x first + 16 MB, every service)", heapBounded);
		StringBuilder table = new StringBuilder("## Per request kind and third of the run\n\n"
				+ "| request #third | count | failed | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
		requests.fields().forEachRemaining((e) -> table.append("| ").append(e.getKey()).append(" | ")
			.append(e.getValue().path("count").asLong()).append(" | ").append(e.getValue().path("ko").asLong())
			.append(" | %.0f | %.0f | %.0f | %.0f |\n".formatted(e.getValue().path("p50Ms").asDouble(),
					e.getValue().path("p95Ms").asDouble(), e.getValue().path("p99Ms").asDouble(),
					e.getValue().path("maxMs").asDouble())));
		table.append("\n## Heap per service (sampled every 2 s)\n\n| service | thirds |\n|---|---|\n");
		heapNode.fields().forEachRemaining((e) -> table.append("| ").append(e.getKey()).append(" | ")
			.append(e.getValue().asText()).append(" |\n"));
		table.append("\nFailed requests after the warm-up: ").append(failed).append("; during the warm-up: ")
			.append(warmupFailed).append(".\n");
		table.append("\nSettings: ").append(r.path("settings").asText()).append(". Gatling report: `")
			.append(r.path("gatlingReport").asText()).append("` (not committed).\n\n");
		r.put("table", table.toString());
		return r;
	}

	/** Per request name: count, failed and percentiles, from the statistics table of Gatling's HTML report (3.14 writes no JSON). */
	static ObjectNode gatlingRequests(Path indexHtml) throws IOException {
		String report = Files.readString(indexHtml);
		ObjectNode requests = JSON.createObjectNode();
		Pattern name = Pattern.compile("class=\"ellipsed-name\">([^<]+)</span>");
		Pattern cell = Pattern.compile("col-(\\d+)\">([^<]*)<");
		String[] rows = report.split("<tr id=\"req_");
		for (int i = 1; i < rows.length; i++) {
			Matcher named = name.matcher(rows[i]);
			if (!named.find()) {
				continue;
			}
			Map<Integer, String> cells = new HashMap<>();
			Matcher values = cell.matcher(rows[i]);
			while (values.find()) {
				cells.putIfAbsent(Integer.parseInt(values.group(1)), values.group(2).trim());
			}
			ObjectNode n = requests.putObject(named.group(1).replace("&amp;", "&").replace("&#x2B;", "+"));
			n.put("count", Long.parseLong(cells.getOrDefault(2, "0")));
			n.put("ko", Long.parseLong(cells.getOrDefault(4, "0")));
			n.put("p50Ms", Double.parseDouble(cells.getOrDefault(8, "0")));
			n.put("p95Ms", Double.parseDouble(cells.getOrDefault(10, "0")));
			n.put("p99Ms", Double.parseDouble(cells.getOrDefault(11, "0")));
			n.put("maxMs", Double.parseDouble(cells.getOrDefault(12, "0")));
		}
		return requests;
	}

	/** The heap in use, summed over the pools, from the service's Prometheus scrape. */
	double heapUsedBytes(int port) throws Exception {
		HttpResponse<String> scrape = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		double used = 0;
		for (String line : scrape.body().split("\n")) {
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return used;
	}

	// ---------------------------------------------------------------- helpers

	ObjectNode result(String name) throws Exception {
		ObjectNode r = JSON.createObjectNode();
		r.put("benchmark", name);
		r.put("startedAt", Instant.now().toString());
		ObjectNode machine = r.putObject("machine");
		machine.put("nproc", Runtime.getRuntime().availableProcessors());
		machine.put("memory", sh("free -m | awk '/Mem:/ {print $2 \" MB total, \" $7 \" MB available\"}'"));
		machine.put("uname", sh("uname -a"));
		machine.put("java", sh(ProcessHandle.current().info().command().orElse("java") + " -version 2>&1 | head -1"));
		machine.put("loadAverageBefore", Files.readString(Path.of("/proc/loadavg")).trim());
		machine.put("note", "shared 2-core VM, other engineers' builds running: see loadAverage");
		r.put("ports", this.ports.toString());
		return r;
	}

	void write(String name, ObjectNode r) throws IOException {
		((ObjectNode) r.path("machine")).put("loadAverageAfter", Files.readString(Path.of("/proc/loadavg")).trim());
		Files.writeString(this.out.resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
		Files.writeString(this.out.resolve(name + ".md"), markdown(name, r));
		System.out.println("  wrote " + this.out.resolve(name + ".json") + " and .md");
	}

	static String markdown(String name, JsonNode r) {
		StringBuilder md = new StringBuilder("# Benchmark: " + name + "\n\n");
		JsonNode m = r.path("machine");
		md.append("Run ").append(r.path("startedAt").asText()).append(", ").append("%.0f".formatted(r.path("wallSeconds").asDouble()))
			.append(" s. Machine: ").append(m.path("nproc").asText()).append(" cores, ").append(m.path("memory").asText()).append("; `")
			.append(m.path("uname").asText()).append("`; ").append(m.path("java").asText()).append(".\n\n")
			.append("Load average before: `").append(m.path("loadAverageBefore").asText()).append("`, after: `")
			.append(m.path("loadAverageAfter").asText()).append("` (a shared machine; other engineers were building).\n\n");
		if (r.has("targets")) {
			md.append("## Targets\n\n| target | met |\n|---|---|\n");
			r.path("targets").fields().forEachRemaining((e) -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().asBoolean() ? "yes" : "**no**").append(" |\n"));
			md.append('\n');
		}
		if (r.has("ratios")) {
			md.append("## Ratios\n\n| ratio | value |\n|---|---|\n");
			r.path("ratios").fields().forEachRemaining((e) -> md.append("| ").append(e.getKey()).append(" | ").append("%.3f".formatted(e.getValue().asDouble())).append(" |\n"));
			md.append('\n');
		}
		md.append(r.path("table").asText(""));
		md.append("## Figures\n\n| what | req/s (or rate) | p50 ms | p90 ms | p99 ms | notes |\n|---|---|---|---|---|---|\n");
		figures(md, "", r);
		md.append("\nFull figures: `").append(name).append(".json`");
		md.append(Files.exists(Path.of("bench/results/" + name + ".png")) ? "; chart: `" + name + ".png`.\n" : ".\n");
		return md.toString();
	}

	static void figures(StringBuilder md, String path, JsonNode n) {
		if (!n.isObject()) {
			return;
		}
		if (n.has("requestsPerSecond")) {
			md.append("| ").append(path).append(" | ").append("%.0f".formatted(n.path("requestsPerSecond").asDouble())).append(" | ")
				.append("%.2f | %.2f | %.2f".formatted(n.path("p50Ms").asDouble(), n.path("p90Ms").asDouble(), n.path("p99Ms").asDouble()))
				.append(" | `").append(n.path("wrk").asText()).append("`").append(n.path("non2xx3xx").asLong() > 0 ? ", non-2xx/3xx " + n.path("non2xx3xx").asLong() : "").append(" |\n");
			return;
		}
		if (n.has("acceptedPerSecond")) {
			md.append("| ").append(path).append(" accepted | ").append("%.0f events/s".formatted(n.path("acceptedPerSecond").asDouble()))
				.append(" | | | | ").append(n.path("accepted").asLong()).append(" events, ").append(n.path("clients").asInt()).append(" clients, errors ").append(n.path("errors").asInt()).append(" |\n");
		}
		if (n.has("p99") && n.has("count")) {
			md.append("| ").append(path).append(" | ").append(n.path("count").asLong()).append(" samples | ")
				.append("%.1f | %.1f | %.1f".formatted(n.path("p50").asDouble(), n.path("p90").asDouble(), n.path("p99").asDouble())).append(" | max %.1f |\n".formatted(n.path("max").asDouble()));
			return;
		}
		if (n.has("mailsPerSecond")) {
			md.append("| ").append(path).append(" | ").append("%.0f mails/s".formatted(n.path("mailsPerSecond").asDouble())).append(" | | | | ")
				.append(n.has("steadyMailsPerSecond10to90") ? "steady 10–90 %%: %.0f/s; ".formatted(n.path("steadyMailsPerSecond10to90").asDouble()) : "")
				.append(n.has("status") ? "sent " + n.path("status").path("sent").asLong() + ", failed " + n.path("status").path("failed").asLong() + ", skipped " + n.path("status").path("skipped").asLong() : n.path("tool").asText()).append(" |\n");
			return;
		}
		if (n.has("recordsPerSecond")) {
			md.append("| ").append(path).append(" | ").append("%.0f records/s".formatted(n.path("recordsPerSecond").asDouble())).append(" | | | | ").append(n.path("tool").asText()).append(" |\n");
		}
		if (!path.isEmpty() && (path.endsWith("ratios") || path.endsWith("targets"))) {
			n.fields().forEachRemaining((e) -> md.append("| ").append(path).append(".").append(e.getKey()).append(" | ")
				.append(e.getValue().isBoolean() ? (e.getValue().asBoolean() ? "met" : "**missed**") : "%.3f".formatted(e.getValue().asDouble())).append(" | | | | |\n"));
			return;
		}
		if (path.endsWith("memoryMb") ) {
			n.fields().forEachRemaining((e) -> md.append("| RSS MB ").append(e.getKey()).append(" | | | | | ").append(e.getValue().toString().replace("\"", "").replace(",", ", ")).append(" |\n"));
			return;
		}
		if (n.has("ingestEventsPerSecond")) {
			md.append("| ").append(path).append(" ingest | ").append("%.0f events/s".formatted(n.path("ingestEventsPerSecond").asDouble())).append(" | | | | batches of 500, 3 clients |\n");
		}
		if (n.has("seedEventsPerSecond")) {
			md.append("| ").append(path).append(" seeding | ").append("%.0f events/s".formatted(n.path("seedEventsPerSecond").asDouble())).append(" | | | | seeding batches |\n");
		}
		n.fields().forEachRemaining((e) -> {
			if (!e.getKey().equals("machine") && !e.getKey().equals("status")
					&& !(path.isEmpty() && (e.getKey().equals("ratios") || e.getKey().equals("targets")))) {
				figures(md, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue());
			}
		});
	}

	/** Resident memory of each service JVM (and of this JVM, which hosts the MongoDB-wire server). */
	void memory(ObjectNode r, String when) throws IOException {
		ObjectNode m = r.with("memoryMb").putObject(when);
		ProcessHandle.current().descendants().forEach((p) -> {
			String cmd = p.info().commandLine().orElse("");
			Matcher jar = Pattern.compile("-jar \\S*/([a-z-]+)-\\d[^/ ]*\\.jar").matcher(cmd);
			if (cmd.contains("KafkaServerMain")) {
				m.put("kafka", rssMb(p.pid()));
			}
			else if (jar.find()) {
				String key = jar.group(1);
				if (m.has(key)) {
					key = key + "-2";
				}
				m.put(key, rssMb(p.pid()));
			}
			else if (cmd.contains("KafkaServerMain")) {
				m.put("kafka", rssMb(p.pid()));
			}
		});
		m.put("bench+mongo-wire", rssMb(ProcessHandle.current().pid()));
	}

	static long rssMb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
		}
		catch (IOException ex) {
			// gone
		}
		return -1;
	}

	static String sh(String command) {
		try {
			Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
			String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			p.waitFor();
			return text;
		}
		catch (Exception ex) {
			return "?";
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	JsonNode post(String url, String key, String idempotencyKey, String body, int expected) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofMinutes(2))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			b.header("Idempotency-Key", idempotencyKey);
		}
		HttpResponse<String> response = this.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		if ((expected > 0 && response.statusCode() != expected) || response.statusCode() >= 300) {
			throw new IllegalStateException("POST " + url + " → " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body());
	}

	JsonNode get(String url, String key) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

	// ---------------------------------------------------------------- wrk

	static final class Wrk {

		double rps;

		double p50, p75, p90, p99, mean;

		long requests, non2xx, errors;

		String url, connectionsAndDuration, raw;

		ObjectNode json() {
			ObjectNode n = JSON.createObjectNode();
			n.put("url", this.url);
			n.put("wrk", this.connectionsAndDuration);
			n.put("requestsPerSecond", this.rps);
			n.put("requests", this.requests);
			n.put("non2xx3xx", this.non2xx);
			n.put("socketErrors", this.errors);
			n.put("latencyMeanMs", this.mean);
			n.put("p50Ms", this.p50);
			n.put("p75Ms", this.p75);
			n.put("p90Ms", this.p90);
			n.put("p99Ms", this.p99);
			return n;
		}

	}

	Wrk wrk(String url, int connections, String duration, String header) throws Exception {
		List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(Math.min(2, connections)), "-c",
				String.valueOf(connections), "-d", duration, "--latency"));
		if (header != null) {
			command.addAll(List.of("-H", header));
		}
		command.add(url);
		// a short warm-up first
		Process warm = new ProcessBuilder(replaceDuration(command, "2s")).redirectErrorStream(true).start();
		warm.getInputStream().readAllBytes();
		warm.waitFor();
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor();
		Wrk w = new Wrk();
		w.url = url;
		w.raw = text;
		w.connectionsAndDuration = "-c" + connections + " -d" + duration + (header != null ? " -H '" + header + "'" : "");
		w.rps = number(text, "Requests/sec:\\s+([\\d.]+)");
		w.requests = (long) number(text, "(\\d+) requests in");
		w.non2xx = (long) number(text, "Non-2xx or 3xx responses:\\s+(\\d+)");
		Matcher errs = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(text);
		if (errs.find()) {
			w.errors = Long.parseLong(errs.group(1)) + Long.parseLong(errs.group(2)) + Long.parseLong(errs.group(3))
					+ Long.parseLong(errs.group(4));
		}
		w.mean = ms(text, "Latency\\s+([\\d.]+\\w+)");
		w.p50 = ms(text, "\\s50%\\s+([\\d.]+\\w+)");
		w.p75 = ms(text, "\\s75%\\s+([\\d.]+\\w+)");
		w.p90 = ms(text, "\\s90%\\s+([\\d.]+\\w+)");
		w.p99 = ms(text, "\\s99%\\s+([\\d.]+\\w+)");
		System.out.printf("  wrk %-70s %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms%s%n", url + " " + w.connectionsAndDuration, w.rps, w.p50,
				w.p99, w.non2xx > 0 ? "  non-2xx/3xx " + w.non2xx : "");
		return w;
	}

	static List<String> replaceDuration(List<String> command, String duration) {
		List<String> copy = new ArrayList<>(command);
		copy.set(copy.indexOf("-d") + 1, duration);
		return copy;
	}

	static double number(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		return m.find() ? Double.parseDouble(m.group(1)) : 0;
	}

	static double ms(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		if (!m.find()) {
			return Double.NaN;
		}
		String v = m.group(1);
		Matcher parts = Pattern.compile("([\\d.]+)(\\w+)").matcher(v);
		parts.find();
		double n = Double.parseDouble(parts.group(1));
		return switch (parts.group(2)) {
			case "us" -> n / 1000;
			case "ms" -> n;
			case "s" -> n * 1000;
			case "m" -> n * 60000;
			default -> n;
		};
	}

	// ---------------------------------------------------------------- nginx

	static final class Nginx {

		final Path dir;

		final int staticPort, proxyPort;

		final Process process;

		Nginx(Path dir, int staticPort, int proxyPort, Process process) {
			this.dir = dir;
			this.staticPort = staticPort;
			this.proxyPort = proxyPort;
			this.process = process;
		}

		static Nginx start(Path work) throws Exception {
			Path dir = Files.createTempDirectory(work, "nginx-");
			// nginx's workers run as nobody: they must be able to read the document root
			for (Path d : List.of(work, dir)) {
				Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			Files.createDirectories(dir.resolve("html"));
			Files.createDirectories(dir.resolve("logs"));
			// a 200-byte JSON document
			String body = "{\"items\":[{\"kind\":\"event\",\"id\":\"ev_0001\",\"title\":\"Kaffe og en snak\",\"startsAt\":\"2027-03-16T10:00:00+01:00\"}],\"nextCursor\":null,\"partial\":false,\"pad\":\"";
			body = body + "x".repeat(198 - body.length()) + "\"}";
			Files.writeString(dir.resolve("html/static.json"), body);
			int s = freePort(), p = freePort();
			String conf = """
					daemon off;
					master_process on;
					worker_processes 2;
					pid %1$s/nginx.pid;
					error_log %1$s/logs/error.log warn;
					events { worker_connections 4096; }
					http {
					  access_log off;
					  client_body_temp_path %1$s/tmp; proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp;
					  uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
					  default_type application/json;
					  upstream origin { server 127.0.0.1:%2$d; keepalive 64; }
					  server { listen 127.0.0.1:%2$d; root %1$s/html; etag on; }
					  server { listen 127.0.0.1:%3$d;
					    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; } }
					}
					""".formatted(dir, s, p);
			Files.createDirectories(dir.resolve("tmp"));
			Files.writeString(dir.resolve("nginx.conf"), conf);
			Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-e",
					dir.resolve("logs/error.log").toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("logs/stdout.log").toFile())
				.start();
			Nginx nginx = new Nginx(dir, s, p, process);
			for (int i = 0; i < 50; i++) {
				try (var socket = new java.net.Socket("127.0.0.1", p)) {
					return nginx;
				}
				catch (IOException ex) {
					Thread.sleep(100);
				}
			}
			throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("logs/error.log")));
		}

		String staticUrl() {
			return "http://127.0.0.1:" + this.staticPort + "/static.json";
		}

		String proxyUrl() {
			return "http://127.0.0.1:" + this.proxyPort + "/static.json";
		}

		void stop() throws InterruptedException {
			// SIGTERM to the master: fast shutdown, the workers go with it
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

	// ---------------------------------------------------------------- charts (gnuplot)

	void chartPercentiles(String name, String[] labels, Wrk[] runs) {
		try {
			StringBuilder data = new StringBuilder();
			for (int i = 0; i < runs.length; i++) {
				data.append('"').append(labels[i]).append("\" ").append(runs[i].p50).append(' ').append(runs[i].p75).append(' ')
					.append(runs[i].p90).append(' ').append(runs[i].p99).append('\n');
			}
			Path dat = this.work.resolve(name + ".dat");
			Files.writeString(dat, data);
			String script = """
					set terminal pngcairo size 1000,500 font ",10"
					set output '%s'
					set title "%s: wrk latency percentiles (ms, log scale)"
					set style data histograms
					set style histogram clustered gap 1
					set style fill solid 0.8 border -1
					set logscale y
					set ylabel "ms"
					set xtics rotate by -30
					set key top left
					plot '%s' using 2:xtic(1) title 'p50', '' using 3 title 'p75', '' using 4 title 'p90', '' using 5 title 'p99'
					""".formatted(this.out.resolve(name + ".png"), name, dat);
			gnuplot(script);
		}
		catch (Exception ex) {
			System.err.println("  chart failed: " + ex);
		}
	}

	void chartLatency(String name, ObjectNode r) {
		try {
			StringBuilder data = new StringBuilder();
			for (String mode : List.of("single", "batch")) {
				for (String kind : List.of("publishToKafkaMs", "publishToSseMs")) {
					JsonNode n = r.path(mode).path(kind);
					data.append('"').append(mode).append(kind.equals("publishToKafkaMs") ? " →Kafka" : " →feed stream").append("\" ")
						.append(n.path("p50").asDouble(Double.NaN)).append(' ').append(n.path("p90").asDouble(Double.NaN)).append(' ')
						.append(n.path("p99").asDouble(Double.NaN)).append('\n');
				}
			}
			Path dat = this.work.resolve(name + ".dat");
			Files.writeString(dat, data);
			gnuplot("""
					set terminal pngcairo size 900,450 font ",10"
					set output '%s'
					set title "ingest: publish latency percentiles (ms, log scale)"
					set style data histograms
					set style histogram clustered gap 1
					set style fill solid 0.8 border -1
					set logscale y
					set key top left
					plot '%s' using 2:xtic(1) title 'p50', '' using 3 title 'p90', '' using 4 title 'p99'
					""".formatted(this.out.resolve(name + ".png"), dat));
		}
		catch (Exception ex) {
			System.err.println("  chart failed: " + ex);
		}
	}

	void gnuplot(String script) throws Exception {
		Process p = new ProcessBuilder("gnuplot").redirectErrorStream(true).start();
		p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
		p.getOutputStream().close();
		String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			System.err.println("  gnuplot: " + text);
		}
	}

}
