package dk.sammen.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * What {@code bin/local-stack} runs: Kafka, the MongoDB-wire server and the dev mailbox, then the
 * four services as child processes, sample data on a new data directory, and a summary of the
 * URLs. Runs in the foreground; Ctrl-C stops everything. If a child dies, everything stops and
 * the exit code is 1.
 */
public final class LocalStack {

	private static final int KAFKA_PORT = 9092;

	private static final int MONGO_PORT = 27017;

	private static final Duration SERVICE_STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration SERVICE_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

	// a Java process that exits because of SIGINT, as every child does on Ctrl-C in the terminal
	private static final int EXIT_CODE_SIGINT = 130;

	private final LocalStackOptions options;

	private final Path root;

	private final Map<String, String> environment;

	private final PrintStream out;

	private final Path logDirectory;

	private final List<ServiceProcess> services;

	private final List<ServiceProcess> startedServices = new ArrayList<>();

	private final CountDownLatch stopping = new CountDownLatch(1);

	private volatile boolean progressLineOpen;

	private @Nullable KafkaBroker kafka;

	private @Nullable MongoWireServer mongo;

	private @Nullable DevMailbox mailbox;

	LocalStack(LocalStackOptions options, Path root, Map<String, String> environment, PrintStream out) {
		this.options = options;
		this.root = root;
		this.environment = environment;
		this.out = out;
		this.logDirectory = options.dataDirectory().resolve("logs");
		this.services = ServiceProcess.all(this.logDirectory);
	}

	public static void main(String[] args) {
		quietLogging();
		Path workingDirectory = Path.of("").toAbsolutePath();
		LocalStackOptions options;
		try {
			options = LocalStackOptions.parse(args, workingDirectory);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(LocalStackOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.println(LocalStackOptions.USAGE);
			return;
		}
		int exitCode = new LocalStack(options, workingDirectory, System.getenv(), System.out).run();
		// the shutdown hook stops whatever was started
		System.exit(exitCode);
	}

	/**
	 * Starts everything and blocks until the JVM is asked to stop.
	 * @return the exit code if starting fails
	 */
	int run() {
		try {
			start();
		}
		catch (RuntimeException ex) {
			endProgressLine();
			System.err.println("✗ " + ex.getMessage());
			return 1;
		}
		awaitStop();
		return 0;
	}

	private void start() {
		Path data = this.options.dataDirectory();
		RequiredPort.firstBusy(RequiredPort.ALL).ifPresent((busy) -> {
			throw new IllegalStateException(busy.busyMessage());
		});
		Map<ServiceProcess, Path> jars = findJars();
		if (this.options.reset()) {
			reset(data);
		}
		boolean seeded = Files.exists(seededMarker());
		createDirectories(this.logDirectory);
		Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-stack-shutdown"));

		String adminKey = secret("SAMMEN_ADMIN_KEY");
		String signingKey = secret("SAMMEN_IDENTITY_SIGNING_KEY");
		this.out.println("Sammen local stack, data in " + data);
		startInfrastructure(data);
		for (ServiceProcess service : this.services) {
			startService(service, jars.get(service), adminKey, signingKey);
		}
		if (!seeded) {
			seed(adminKey);
		}
		this.out.println();
		this.out.println(StatusBox.render(summary(adminKey)));
	}

	private Map<ServiceProcess, Path> findJars() {
		Map<ServiceProcess, Path> jars = new HashMap<>();
		for (ServiceProcess service : this.services) {
			Path jar = service.findJar(this.root)
				.orElseThrow(() -> new IllegalStateException("No jar of " + service.name() + " in "
						+ this.root.resolve(service.name()).resolve("target")
						+ "; build it with ./mvnw -DskipTests install (bin/local-stack does that for you)"));
			jars.put(service, jar);
		}
		return jars;
	}

	/** Deletes the data directory, but only if it looks like one of ours. */
	private void reset(Path data) {
		if (!Files.exists(data)) {
			return;
		}
		if (!isEmpty(data) && Stream.of("kafka", "logs", "mongo.mv.db", ".seeded")
			.noneMatch((name) -> Files.exists(data.resolve(name)))) {
			throw new IllegalStateException("--reset refuses to delete " + data
					+ ": it does not look like a local-stack data directory");
		}
		DirectoryTrees.delete(data);
		this.out.println("Reset: deleted " + data);
	}

	private void startInfrastructure(Path data) {
		long started = System.nanoTime();
		beginProgress("Kafka broker on 127.0.0.1:" + KAFKA_PORT);
		KafkaBroker broker = KafkaBroker.builder()
			.port(KAFKA_PORT)
			.dataDirectory(data.resolve("kafka"))
			.logFile(this.logDirectory.resolve("kafka.log"))
			.build();
		this.kafka = broker;
		broker.start();
		watch("The Kafka broker", broker.logFile(), broker.onExit());
		endProgress("ready" + took(started));

		started = System.nanoTime();
		beginProgress("MongoDB-wire server on 127.0.0.1:" + MONGO_PORT + " (" + data.resolve("mongo.mv.db") + ")");
		this.mongo = MongoWireServer.persistent(data.resolve("mongo.mv.db"), MONGO_PORT).start();
		endProgress("ready" + took(started));

		started = System.nanoTime();
		beginProgress("Dev mailbox, SMTP 127.0.0.1:" + DevMailbox.DEFAULT_SMTP_PORT + ", IMAP 127.0.0.1:"
				+ DevMailbox.DEFAULT_IMAP_PORT);
		this.mailbox = new DevMailbox().start();
		endProgress("ready" + took(started));
	}

	private void startService(ServiceProcess service, Path jar, String adminKey, String signingKey) {
		long started = System.nanoTime();
		beginProgress(service.name() + " on http://127.0.0.1:" + service.port());
		Map<String, String> environment = new HashMap<>();
		environment.put("SERVER_PORT", String.valueOf(service.port()));
		environment.put("SPRING_MONGODB_URI",
				"mongodb://127.0.0.1:" + MONGO_PORT + "/sammen-" + service.shortName());
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + KAFKA_PORT);
		environment.put("SPRING_MAIL_HOST", "127.0.0.1");
		environment.put("SPRING_MAIL_PORT", String.valueOf(DevMailbox.DEFAULT_SMTP_PORT));
		environment.put("SAMMEN_ADMIN_KEY", adminKey);
		environment.put("SAMMEN_IDENTITY_SIGNING_KEY", signingKey);
		synchronized (this.startedServices) {
			service.start(jar, environment);
			this.startedServices.add(service);
		}
		service.awaitReady(SERVICE_STARTUP_TIMEOUT);
		// from now on; while it starts, awaitReady reports an early exit itself
		watch(service.name(), service.logFile(), service.onExit().thenApply(Process::exitValue));
		endProgress("ready" + took(started));
	}

	private void seed(String adminKey) {
		this.out.println("• Seeding sample data through the gateway …");
		Seeder seeder = new Seeder(URI.create("http://127.0.0.1:8080"), adminKey, this.out);
		ZonedDateTime now = ZonedDateTime.now(SeedEvent.DANISH_TIME);
		Seeder.Result result = seeder.seed(SeedData.load(), now);
		this.out.printf("  Seeded %d organisations and %d published events%s%n", result.organisations(),
				result.eventsPublished(), result.isComplete() ? "" : " (" + result.failures() + " failed, see above)");
		SeedActivities activities = SeedActivities.load();
		this.out.printf("  Published %d of %d campaign activities of '%s'%n", seeder.seedActivities(activities, now),
				activities.activities().size(), activities.campaign());
		if (result.organisations() == 0) {
			// nothing was created, so seeding again on the next start cannot duplicate anything
			this.out.println("  Nothing was seeded; the next start tries again.");
			return;
		}
		writePartnerKeys(result.keys());
		write(seededMarker(), "Seeded %s: %d organisations, %d events published, %d failures%n".formatted(Instant.now(),
				result.organisations(), result.eventsPublished(), result.failures()));
		if (!result.isComplete()) {
			this.out.println("  Not retried on the next start; bin/local-stack --reset seeds from scratch.");
		}
	}

	private void writePartnerKeys(List<Seeder.PartnerKey> keys) {
		StringBuilder text = new StringBuilder("# API keys of the sample organisations (shown once by the API)\n");
		keys.forEach((key) -> text.append(key.organisation())
			.append('\t')
			.append(key.organisationId())
			.append('\t')
			.append(key.apiKey())
			.append('\n'));
		write(partnerKeys(), text.toString());
	}

	private List<String> summary(String adminKey) {
		String adminKeySource = (this.environment.get("SAMMEN_ADMIN_KEY") != null) ? "from SAMMEN_ADMIN_KEY"
				: "generated; set SAMMEN_ADMIN_KEY to choose one";
		List<String> lines = new ArrayList<>();
		lines.add("Sammen local stack is running");
		lines.add("");
		lines.add("Gateway               http://localhost:8080");
		for (ServiceProcess service : this.services) {
			if (!service.name().equals("gateway")) {
				lines.add("%-21s http://localhost:%d".formatted(service.name(), service.port()));
			}
		}
		lines.add("Kafka                 127.0.0.1:" + KAFKA_PORT);
		lines.add("MongoDB               mongodb://127.0.0.1:" + MONGO_PORT);
		lines.add("SMTP / IMAP           127.0.0.1:" + DevMailbox.DEFAULT_SMTP_PORT + " / 127.0.0.1:"
				+ DevMailbox.DEFAULT_IMAP_PORT + " (login = password = the recipient)");
		lines.add("Admin key             " + adminKey);
		lines.add("                      (" + adminKeySource + ")");
		if (Files.exists(partnerKeys())) {
			lines.add("Partner API keys      " + partnerKeys());
		}
		lines.add("Logs                  " + this.logDirectory);
		lines.add("");
		lines.add("Ctrl-C stops everything.");
		return lines;
	}

	/**
	 * Stops everything if a child ends while the stack is not being stopped. A child that ends
	 * with SIGINT most likely got the terminal's Ctrl-C too, so that case waits for our own stop.
	 */
	private void watch(String name, Path logFile, CompletableFuture<Integer> exit) {
		exit.thenAccept((exitCode) -> {
			try {
				if (this.stopping.await((exitCode == EXIT_CODE_SIGINT) ? 2 : 0, TimeUnit.SECONDS)) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			endProgressLine();
			System.err.println("✗ " + name + " stopped unexpectedly (exit code " + exitCode + "); last lines of "
					+ logFile + ":");
			System.err.println(LogTail.of(logFile, 30));
			System.exit(1);
		});
	}

	private void awaitStop() {
		try {
			this.stopping.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The shutdown hook: services first (they use the rest), then the mailbox, Mongo and Kafka. */
	private void stopAll() {
		this.stopping.countDown();
		endProgressLine();
		this.out.println();
		this.out.println("Stopping …");
		List<ServiceProcess> started;
		synchronized (this.startedServices) {
			started = new ArrayList<>(this.startedServices);
		}
		long deadline = System.nanoTime() + SERVICE_SHUTDOWN_TIMEOUT.toNanos();
		started.reversed().forEach(ServiceProcess::terminate);
		started.reversed().forEach((service) -> service.awaitExitOrKill(deadline));
		if (this.mailbox != null) {
			this.mailbox.stop();
		}
		if (this.mongo != null) {
			this.mongo.stop();
		}
		if (this.kafka != null) {
			this.kafka.stop();
		}
		this.out.println("Local stack stopped.");
	}

	private String secret(String variable) {
		String value = this.environment.get(variable);
		if (value != null && !value.isBlank()) {
			return value;
		}
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private Path seededMarker() {
		return this.options.dataDirectory().resolve(".seeded");
	}

	private Path partnerKeys() {
		return this.options.dataDirectory().resolve("partner-keys.txt");
	}

	private void beginProgress(String step) {
		this.out.print("• " + step + " … ");
		this.progressLineOpen = true;
	}

	private void endProgress(String result) {
		this.out.println(result);
		this.progressLineOpen = false;
	}

	/** Ends a progress line cut short, so that what follows starts on a line of its own. */
	private void endProgressLine() {
		if (this.progressLineOpen) {
			endProgress("");
		}
	}

	private static String took(long started) {
		return " (%.1f s)".formatted((System.nanoTime() - started) / 1e9);
	}

	private static boolean isEmpty(Path directory) {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.findAny().isEmpty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + directory, ex);
		}
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + directory, ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	/** Only warnings on the console; the children log to their own files. */
	private static void quietLogging() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
			// the readiness check's admin client warns about every refused connection while Kafka starts
			context.getLogger("org.apache.kafka").setLevel(Level.ERROR);
		}
	}

}
