package dk.sammen.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), run as a
 * child JVM with this JVM's class path. The storage is formatted once; after {@link #stop()} or
 * {@link #kill()}, {@link #start()} brings the broker back on the same port with the same data.
 *
 * <pre>{@code
 * KafkaBroker broker = KafkaBroker.builder().dataDirectory(dir).build();
 * broker.start();
 * String bootstrapServers = broker.bootstrapServers();
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

	private static final String BROKER_MAIN = KafkaServerMain.class.getName();

	private static final String STORAGE_TOOL = "kafka.tools.StorageTool";

	private static final String LOGGING_CONFIG = "dk/sammen/localstack/kafka-broker-logback.xml";

	private static final int LOG_TAIL_LINES = 40;

	private static @Nullable KafkaBroker shared;

	private static @Nullable RuntimeException sharedFailure;

	private final Path dataDirectory;

	private final Path logFile;

	private final Duration startupTimeout;

	private final String maxHeap;

	private int port;

	private int controllerPort;

	private @Nullable Process process;

	private KafkaBroker(Builder builder, Path dataDirectory) {
		this.dataDirectory = dataDirectory.toAbsolutePath();
		this.logFile = (builder.logFile != null) ? builder.logFile.toAbsolutePath()
				: this.dataDirectory.resolve("broker.log");
		this.startupTimeout = builder.startupTimeout;
		this.maxHeap = builder.maxHeap;
		this.port = builder.port;
		this.controllerPort = builder.controllerPort;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The one broker of this JVM, started on first use in a temporary directory and destroyed
	 * by a shutdown hook. Tests of every module share it: starting a broker costs seconds.
	 * @throws IllegalStateException if it does not start (and again on every later call)
	 */
	public static synchronized KafkaBroker shared() {
		if (sharedFailure != null) {
			throw sharedFailure;
		}
		if (shared == null) {
			try {
				Path directory = Files.createTempDirectory("sammen-kafka-");
				KafkaBroker broker = builder().dataDirectory(directory).build();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					broker.stop();
					DirectoryTrees.deleteQuietly(directory);
				}, "sammen-kafka-shutdown"));
				broker.start();
				shared = broker;
			}
			catch (IOException | RuntimeException ex) {
				sharedFailure = new IllegalStateException("The shared Kafka broker did not start", ex);
				throw sharedFailure;
			}
		}
		return shared;
	}

	/**
	 * Starts the broker, formatting its storage first if it has never run, and blocks until it
	 * answers {@code describeCluster}. Does nothing if it is already running.
	 * @throws IllegalStateException with the tail of the broker's log if it does not come up in
	 * time
	 */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		// chosen once, so that a restarted broker is found where it was
		if (this.port == 0) {
			this.port = FreePorts.pick();
		}
		if (this.controllerPort == 0) {
			this.controllerPort = FreePorts.pick();
		}
		for (int required : new int[] { this.port, this.controllerPort }) {
			if (!FreePorts.isFree(required)) {
				throw new IllegalStateException("Port " + required + " for the Kafka broker in " + this.dataDirectory
						+ " is already in use");
			}
		}
		Path config = writeConfig();
		if (!Files.exists(metaProperties())) {
			format(config);
		}
		this.process = launch(BROKER_MAIN, List.of(config.toString()));
		awaitReady(this.process, clusterId());
	}

	/** Stops the broker gracefully (SIGTERM, then a forced kill if it hangs) and waits for it. */
	public synchronized void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(30, TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			running.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/** Kills the broker at once, as a crash would, and waits until it is gone. */
	public synchronized void kill() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroyForcibly();
		try {
			running.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Completes with the exit code when the running broker process ends, whoever ended it.
	 * @throws IllegalStateException if the broker is not running
	 */
	public synchronized CompletableFuture<Integer> onExit() {
		Process running = this.process;
		if (running == null) {
			throw new IllegalStateException("The broker is not running");
		}
		return running.onExit().thenApply(Process::exitValue);
	}

	/**
	 * {@code 127.0.0.1:<port>}.
	 * @throws IllegalStateException before the first start when the port is still to be chosen
	 */
	public synchronized String bootstrapServers() {
		return "127.0.0.1:" + port();
	}

	/**
	 * The client port.
	 * @throws IllegalStateException before the first start when the port is still to be chosen
	 */
	public synchronized int port() {
		if (this.port == 0) {
			throw new IllegalStateException("The port is chosen on the first start");
		}
		return this.port;
	}

	public Path dataDirectory() {
		return this.dataDirectory;
	}

	public Path logFile() {
		return this.logFile;
	}

	private Path kraftDirectory() {
		return this.dataDirectory.resolve("data");
	}

	private Path metaProperties() {
		return kraftDirectory().resolve("meta.properties");
	}

	private String clusterId() {
		Properties meta = new Properties();
		try (Reader reader = Files.newBufferedReader(metaProperties())) {
			meta.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + metaProperties(), ex);
		}
		String clusterId = meta.getProperty("cluster.id");
		if (clusterId == null) {
			throw new IllegalStateException("No cluster.id in " + metaProperties());
		}
		return clusterId;
	}

	private Path writeConfig() {
		String listeners = "PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d".formatted(this.port,
				this.controllerPort);
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("process.roles", "broker,controller");
		settings.put("node.id", "1");
		settings.put("listeners", listeners);
		settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + this.port);
		settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		settings.put("inter.broker.listener.name", "PLAINTEXT");
		settings.put("controller.listener.names", "CONTROLLER");
		// a dynamic single-node quorum (formatted with --standalone) tolerates a new controller
		// port when a later JVM reuses the data directory
		settings.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + this.controllerPort);
		settings.put("log.dirs", kraftDirectory().toString());
		settings.put("auto.create.topics.enable", "true");
		settings.put("offsets.topic.replication.factor", "1");
		// fewer internal partitions make the first consumer group and transaction start faster
		settings.put("offsets.topic.num.partitions", "10");
		settings.put("transaction.state.log.num.partitions", "10");
		settings.put("transaction.state.log.replication.factor", "1");
		settings.put("transaction.state.log.min.isr", "1");
		settings.put("share.coordinator.state.topic.replication.factor", "1");
		settings.put("share.coordinator.state.topic.min.isr", "1");
		settings.put("group.initial.rebalance.delay.ms", "0");
		// after a crash the controller waits out the old registration's session before the
		// restarted broker may register; the default 9 s is long for one node on loopback
		settings.put("broker.heartbeat.interval.ms", "500");
		settings.put("broker.session.timeout.ms", "4000");
		StringBuilder properties = new StringBuilder("# Written by dk.sammen.localstack.KafkaBroker on every start\n");
		settings.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
		try {
			Files.createDirectories(kraftDirectory());
			Files.createDirectories(this.logFile.toAbsolutePath().getParent());
			Path config = this.dataDirectory.resolve("server.properties");
			Files.writeString(config, properties);
			return config;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the broker configuration in " + this.dataDirectory, ex);
		}
	}

	private void format(Path config) {
		List<String> args = List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config",
				config.toString(), "--standalone");
		Process formatting = launch(STORAGE_TOOL, args);
		try {
			if (!formatting.waitFor(this.startupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				formatting.destroyForcibly();
				throw failure("Formatting the Kafka storage timed out");
			}
			if (formatting.exitValue() != 0) {
				throw failure("Formatting the Kafka storage failed with exit code " + formatting.exitValue());
			}
		}
		catch (InterruptedException ex) {
			formatting.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while formatting the Kafka storage", ex);
		}
	}

	private Process launch(String mainClass, List<String> args) {
		List<String> jvmOptions = List.of("-Xms64m", "-Xmx" + this.maxHeap, "-Djava.awt.headless=true",
				"-Dlogback.configurationFile=" + LOGGING_CONFIG);
		ProcessBuilder builder = new ProcessBuilder(JavaCommand.of(jvmOptions, mainClass, args, this.dataDirectory))
			.directory(this.dataDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start a JVM for " + mainClass, ex);
		}
	}

	/**
	 * Waits until a broker with our cluster id answers; checking the id makes sure it is this
	 * broker, not another one that happens to listen on the port.
	 */
	private void awaitReady(Process broker, String clusterId) {
		long deadline = System.nanoTime() + this.startupTimeout.toNanos();
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-readiness",
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				2000, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250);
		try (Admin admin = Admin.create(config)) {
			while (true) {
				if (!broker.isAlive()) {
					this.process = null;
					throw failure("The Kafka broker exited with code " + broker.exitValue() + " while starting");
				}
				try {
					String answering = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
						.clusterId()
						.get(3, TimeUnit.SECONDS);
					if (clusterId.equals(answering)) {
						return;
					}
					throw new IllegalStateException("Another Kafka cluster (" + answering + ") answers on port "
							+ this.port);
				}
				catch (ExecutionException | TimeoutException ex) {
					if (System.nanoTime() > deadline) {
						kill();
						throw failure("The Kafka broker did not answer within " + this.startupTimeout.toSeconds() + " s");
					}
					// paces the retries and notices an early exit of the broker
					broker.waitFor(200, TimeUnit.MILLISECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			kill();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the Kafka broker", ex);
		}
	}

	private IllegalStateException failure(String message) {
		return new IllegalStateException(message + "; last lines of " + this.logFile + ":" + System.lineSeparator()
				+ LogTail.of(this.logFile, LOG_TAIL_LINES));
	}

	@Override
	public String toString() {
		return "KafkaBroker[" + ((this.port != 0) ? bootstrapServers() : "port not yet chosen") + ", "
				+ this.dataDirectory + "]";
	}

	/** Settings of a {@link KafkaBroker}; only the data directory is required. */
	public static final class Builder {

		private int port;

		private int controllerPort;

		private @Nullable Path dataDirectory;

		private @Nullable Path logFile;

		private Duration startupTimeout = Duration.ofSeconds(90);

		private String maxHeap = "512m";

		private Builder() {
		}

		/** The client port; 0 (the default) picks a free one on the first start. */
		public Builder port(int port) {
			this.port = requirePort(port);
			return this;
		}

		/** The KRaft controller port; 0 (the default) picks a free one on the first start. */
		public Builder controllerPort(int controllerPort) {
			this.controllerPort = requirePort(controllerPort);
			return this;
		}

		/** Where the broker keeps its configuration and its data; created if missing. */
		public Builder dataDirectory(Path dataDirectory) {
			this.dataDirectory = dataDirectory;
			return this;
		}

		/** Where the broker's output goes, appended; defaults to {@code broker.log} in the data directory. */
		public Builder logFile(Path logFile) {
			this.logFile = logFile;
			return this;
		}

		/** How long {@link KafkaBroker#start()} waits; 90 seconds by default. */
		public Builder startupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
			return this;
		}

		/** The broker JVM's {@code -Xmx}, such as {@code 512m} (the default). */
		public Builder maxHeap(String maxHeap) {
			this.maxHeap = maxHeap;
			return this;
		}

		public KafkaBroker build() {
			if (this.dataDirectory == null) {
				throw new IllegalStateException("A data directory is required");
			}
			return new KafkaBroker(this, this.dataDirectory);
		}

		private static int requirePort(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("Not a port: " + port);
			}
			return port;
		}

	}

}
