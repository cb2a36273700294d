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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>
 * Tests start the same stack through {@link #builder(Path)}, typically on {@link StackPorts#free()
 * free ports} in a directory of their own, stop it with {@link #close()}, and may stop and start
 * one service in between; a child that dies then is left to the test to notice.
 *
 * <pre>{@code
 * LocalStack stack = LocalStack.builder(repositoryRoot).ports(StackPorts.free()).dataDirectory(dir).seed(false).build();
 * stack.start();
 * URI gateway = stack.gatewayUri();
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

	private static final Duration SERVICE_STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration SERVICE_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

	// a Java process that exits because of SIGINT, as every child does on Ctrl-C in the terminal
	private static final int EXIT_CODE_SIGINT = 130;

	private final Path root;

	private final Path dataDirectory;

	private final Path logDirectory;

	private final StackPorts ports;

	private final boolean reset;

	private final boolean seed;

	private final boolean mongoInMemory;

	// bin/local-stack ends when a child dies and is stopped with Ctrl-C; a test may stop a child on purpose
	private final boolean commandLine;

	private final Map<String, String> environment;

	private final Map<String, Map<String, String>> serviceEnvironment;

	private final PrintStream out;

	private final String adminKey;

	private final String signingKey;

	private final List<ServiceProcess> services;

	private final List<ServiceProcess> startedServices = new ArrayList<>();

	private final Map<ServiceProcess, Path> jars = new HashMap<>();

	private final Map<ServiceProcess, Map<String, String>> launchEnvironments = new HashMap<>();

	private final CountDownLatch stopping = new CountDownLatch(1);

	private final AtomicBoolean stopped = new AtomicBoolean();

	private volatile boolean progressLineOpen;

	private @Nullable KafkaBroker kafka;

	private @Nullable MongoWireServer mongo;

	private @Nullable DevMailbox mailbox;

	/** {@code bin/local-stack}: the contract's ports, sample data, and everything ends when a child dies. */
	LocalStack(LocalStackOptions options, Path root, Map<String, String> environment, PrintStream out) {
		this(builder(root).dataDirectory(options.dataDirectory())
			.reset(options.reset())
			.environment(environment)
			.out(out), true);
	}

	private LocalStack(Builder builder, boolean commandLine) {
		this.root = builder.root;
		this.dataDirectory = builder.dataDirectory;
		this.logDirectory = (builder.logDirectory != null) ? builder.logDirectory : this.dataDirectory.resolve("logs");
		this.ports = builder.ports;
		this.reset = builder.reset;
		this.seed = builder.seed;
		this.mongoInMemory = builder.mongoInMemory;
		this.commandLine = commandLine;
		this.environment = Map.copyOf(builder.environment);
		Map<String, Map<String, String>> serviceEnvironment = new HashMap<>();
		builder.serviceEnvironment.forEach((name, variables) -> serviceEnvironment.put(name, Map.copyOf(variables)));
		this.serviceEnvironment = Map.copyOf(serviceEnvironment);
		this.out = builder.out;
		this.services = ServiceProcess.all(this.logDirectory, this.ports);
		List<String> names = this.services.stream().map(ServiceProcess::name).toList();
		this.serviceEnvironment.keySet().stream().filter((name) -> !names.contains(name)).findFirst().ifPresent((name) -> {
			throw new IllegalArgumentException("No service named " + name + "; the services are " + names);
		});
		this.adminKey = secret("SAMMEN_ADMIN_KEY");
		this.signingKey = secret("SAMMEN_IDENTITY_SIGNING_KEY");
	}

	/**
	 * A stack built from the modules' jars under {@code root}, on the contract's ports with data in
	 * {@code root/.local-data}, seeded with sample data, unless the builder says otherwise.
	 * @param root the repository root, where {@code <module>/target/<module>-<version>.jar} are
	 */
	public static Builder builder(Path root) {
		return new Builder(root);
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

	/**
	 * Starts Kafka, the MongoDB-wire server, the dev mailbox and the four services, each ready
	 * before the next, seeds sample data if asked to and the data directory is new, and prints
	 * the summary. A JVM shutdown hook stops whatever was started.
	 * @throws IllegalStateException if a port is taken, a jar is missing or a part does not start
	 * (what did start keeps running until {@link #close()})
	 */
	public void start() {
		Path data = this.dataDirectory;
		RequiredPort.firstBusy(RequiredPort.of(this.ports)).ifPresent((busy) -> {
			throw new IllegalStateException(busy.busyMessage());
		});
		findJars();
		if (this.reset) {
			reset(data);
		}
		boolean seeded = Files.exists(seededMarker());
		createDirectories(this.logDirectory);
		Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-stack-shutdown"));

		this.out.println("Sammen local stack, data in " + data);
		startInfrastructure(data);
		for (ServiceProcess service : this.services) {
			startService(service);
		}
		if (this.seed && !seeded) {
			seed(this.adminKey);
		}
		this.out.println();
		this.out.println(StatusBox.render(summary(this.adminKey)));
	}

	/** Stops everything that was started; later calls do nothing. */
	@Override
	public void close() {
		stopAll();
	}

	/** The modules whose executable jar is missing under the root, so that the stack cannot start. */
	public List<String> missingJars() {
		return this.services.stream()
			.filter((service) -> service.findJar(this.root).isEmpty())
			.map(ServiceProcess::name)
			.toList();
	}

	/** {@code http://127.0.0.1:<gateway port>}. */
	public URI gatewayUri() {
		return URI.create("http://127.0.0.1:" + this.ports.gateway());
	}

	/** The admin API key: {@code SAMMEN_ADMIN_KEY} of the environment, or a generated one. */
	public String adminKey() {
		return this.adminKey;
	}

	public StackPorts ports() {
		return this.ports;
	}

	/** Where Kafka and the services write their logs, one file each. */
	public Path logDirectory() {
		return this.logDirectory;
	}

	/**
	 * Stops one service gracefully (as a deployment would), killing it if it hangs, and waits
	 * until it is gone; the rest keeps running.
	 * @param name a module name such as {@code campaign-service}
	 */
	public void stopService(String name) {
		ServiceProcess service = service(name);
		service.terminate();
		service.awaitExitOrKill(System.nanoTime() + SERVICE_SHUTDOWN_TIMEOUT.toNanos());
	}

	/**
	 * Starts a service stopped by {@link #stopService(String)} again, on its port with its
	 * settings, and blocks until it is ready. Does nothing if it is running.
	 * @throws IllegalStateException with the tail of its log if it does not become ready
	 */
	public void startService(String name) {
		ServiceProcess service = service(name);
		if (service.isRunning()) {
			return;
		}
		Path jar = this.jars.get(service);
		Map<String, String> environment = this.launchEnvironments.get(service);
		if (jar == null || environment == null) {
			throw new IllegalStateException(name + " was never started; start the stack first");
		}
		service.start(jar, environment);
		service.awaitReady(SERVICE_STARTUP_TIMEOUT);
	}

	private ServiceProcess service(String name) {
		return this.services.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service named " + name));
	}

	private void findJars() {
		for (ServiceProcess service : this.services) {
			Path jar = service.findJar(this.root)
				.orElseThrow(() -> new IllegalStateException("No jar of " + service.name() + " in "
						+ this.root.resolve(service.name()).resolve("target")
						+ "; build it with ./mvnw -DskipTests install (bin/local-stack does that for you)"));
			this.jars.put(service, jar);
		}
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
		beginProgress("Kafka broker on 127.0.0.1:" + this.ports.kafka());
		KafkaBroker broker = KafkaBroker.builder()
			.port(this.ports.kafka())
			.dataDirectory(data.resolve("kafka"))
			.logFile(this.logDirectory.resolve("kafka.log"))
			.build();
		this.kafka = broker;
		broker.start();
		watch("The Kafka broker", broker.logFile(), broker.onExit());
		endProgress("ready" + took(started));

		started = System.nanoTime();
		Path mongoFile = data.resolve("mongo.mv.db");
		beginProgress("MongoDB-wire server on 127.0.0.1:" + this.ports.mongo() + " ("
				+ (this.mongoInMemory ? "in memory" : mongoFile) + ")");
		this.mongo = (this.mongoInMemory ? MongoWireServer.inMemory(this.ports.mongo())
				: MongoWireServer.persistent(mongoFile, this.ports.mongo())).start();
		endProgress("ready" + took(started));

		started = System.nanoTime();
		beginProgress("Dev mailbox, SMTP 127.0.0.1:" + this.ports.smtp() + ", IMAP 127.0.0.1:" + this.ports.imap());
		this.mailbox = new DevMailbox(this.ports.smtp(), this.ports.imap()).start();
		endProgress("ready" + took(started));
	}

	private void startService(ServiceProcess service) {
		long started = System.nanoTime();
		beginProgress(service.name() + " on http://127.0.0.1:" + service.port());
		Map<String, String> environment = new HashMap<>();
		environment.put("SERVER_PORT", String.valueOf(service.port()));
		environment.put("SPRING_MONGODB_URI",
				"mongodb://127.0.0.1:" + this.ports.mongo() + "/sammen-" + service.shortName());
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + this.ports.kafka());
		environment.put("SPRING_MAIL_HOST", "127.0.0.1");
		environment.put("SPRING_MAIL_PORT", String.valueOf(this.ports.smtp()));
		// the links in mails lead to this stack's gateway, whatever port it has
		environment.put("SAMMEN_NOTIFICATION_LINKS_BASEURL", gatewayUri().toString());
		// where the gateway finds the services (sammen.gateway.services.*-uri)
		environment.put("SAMMEN_GATEWAY_SERVICES_EVENTSURI", "http://127.0.0.1:" + this.ports.events());
		environment.put("SAMMEN_GATEWAY_SERVICES_CAMPAIGNURI", "http://127.0.0.1:" + this.ports.campaign());
		environment.put("SAMMEN_GATEWAY_SERVICES_NOTIFICATIONURI", "http://127.0.0.1:" + this.ports.notification());
		environment.put("SAMMEN_ADMIN_KEY", this.adminKey);
		environment.put("SAMMEN_IDENTITY_SIGNING_KEY", this.signingKey);
		environment.putAll(this.serviceEnvironment.getOrDefault(service.name(), Map.of()));
		Path jar = this.jars.get(service);
		synchronized (this.startedServices) {
			service.start(jar, environment);
			this.launchEnvironments.put(service, Map.copyOf(environment));
			this.startedServices.add(service);
		}
		service.awaitReady(SERVICE_STARTUP_TIMEOUT);
		// from now on; while it starts, awaitReady reports an early exit itself
		watch(service.name(), service.logFile(), service.onExit().thenApply(Process::exitValue));
		endProgress("ready" + took(started));
	}

	private void seed(String adminKey) {
		this.out.println("• Seeding sample data through the gateway …");
		Seeder seeder = new Seeder(gatewayUri(), adminKey, this.out);
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
		lines.add("Gateway               http://localhost:" + this.ports.gateway());
		for (ServiceProcess service : this.services) {
			if (!service.name().equals("gateway")) {
				lines.add("%-21s http://localhost:%d".formatted(service.name(), service.port()));
			}
		}
		lines.add("Kafka                 127.0.0.1:" + this.ports.kafka());
		lines.add("MongoDB               mongodb://127.0.0.1:" + this.ports.mongo());
		lines.add("SMTP / IMAP           127.0.0.1:" + this.ports.smtp() + " / 127.0.0.1:" + this.ports.imap()
				+ " (login = password = the recipient)");
		lines.add("Admin key             " + adminKey);
		lines.add("                      (" + adminKeySource + ")");
		if (Files.exists(partnerKeys())) {
			lines.add("Partner API keys      " + partnerKeys());
		}
		lines.add("Logs                  " + this.logDirectory);
		if (this.commandLine) {
			lines.add("");
			lines.add("Ctrl-C stops everything.");
		}
		return lines;
	}

	/**
	 * Stops everything if a child ends while the stack is not being stopped. A child that ends
	 * with SIGINT most likely got the terminal's Ctrl-C too, so that case waits for our own stop.
	 */
	private void watch(String name, Path logFile, CompletableFuture<Integer> exit) {
		if (!this.commandLine) {
			return;
		}
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
		if (!this.stopped.compareAndSet(false, true)) {
			return;
		}
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
		return this.dataDirectory.resolve(".seeded");
	}

	private Path partnerKeys() {
		return this.dataDirectory.resolve("partner-keys.txt");
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

	/** Settings of a {@link LocalStack}; see {@link LocalStack#builder(Path)} for the defaults. */
	public static final class Builder {

		private final Path root;

		private Path dataDirectory;

		private @Nullable Path logDirectory;

		private StackPorts ports = StackPorts.DEFAULTS;

		private boolean reset;

		private boolean seed = true;

		private boolean mongoInMemory;

		private Map<String, String> environment = System.getenv();

		private final Map<String, Map<String, String>> serviceEnvironment = new HashMap<>();

		private PrintStream out = System.out;

		private Builder(Path root) {
			this.root = root.toAbsolutePath().normalize();
			this.dataDirectory = this.root.resolve(".local-data");
		}

		/** Where Kafka and MongoDB keep their data; created if missing. */
		public Builder dataDirectory(Path dataDirectory) {
			this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
			return this;
		}

		/** Where the logs go; {@code logs} in the data directory by default. */
		public Builder logDirectory(Path logDirectory) {
			this.logDirectory = logDirectory.toAbsolutePath().normalize();
			return this;
		}

		public Builder ports(StackPorts ports) {
			this.ports = ports;
			return this;
		}

		/** Whether to delete the data directory first (only one that looks like ours). */
		public Builder reset(boolean reset) {
			this.reset = reset;
			return this;
		}

		/** Whether a new data directory gets the sample organisations, events and activities. */
		public Builder seed(boolean seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Whether the MongoDB-wire server keeps its data in memory only, for runs that need no
		 * restart with the same data (benchmarks): no H2 file, and filters pinning a unique key
		 * are answered from its index (see {@link MongoWireServer}).
		 */
		public Builder mongoInMemory(boolean mongoInMemory) {
			this.mongoInMemory = mongoInMemory;
			return this;
		}

		/**
		 * Where {@code SAMMEN_ADMIN_KEY} and {@code SAMMEN_IDENTITY_SIGNING_KEY} are read from
		 * (random keys where absent); this process's environment by default.
		 */
		public Builder environment(Map<String, String> environment) {
			this.environment = Map.copyOf(environment);
			return this;
		}

		/**
		 * An environment variable for one service's process on top of what the stack sets, such
		 * as a Spring Boot property in its environment-variable form.
		 * @param service a module name such as {@code gateway}
		 */
		public Builder serviceEnvironment(String service, String name, String value) {
			this.serviceEnvironment.computeIfAbsent(service, (key) -> new HashMap<>()).put(name, value);
			return this;
		}

		/** Where progress and the summary are printed; {@code System.out} by default. */
		public Builder out(PrintStream out) {
			this.out = out;
			return this;
		}

		public LocalStack build() {
			return new LocalStack(this, false);
		}

	}

}
