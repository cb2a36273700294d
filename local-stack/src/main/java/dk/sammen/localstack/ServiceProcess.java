package dk.sammen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/** One of the Spring Boot services, run as {@code java -jar <module>/target/<module>-<version>.jar}. */
final class ServiceProcess {

	private static final int LOG_TAIL_LINES = 30;

	private final String name;

	private final String shortName;

	private final int port;

	private final Path logFile;

	private @Nullable Process process;

	private boolean startedBefore;

	ServiceProcess(String name, String shortName, int port, Path logDirectory) {
		this.name = name;
		this.shortName = shortName;
		this.port = port;
		this.logFile = logDirectory.resolve(name + ".log");
	}

	/** The four services on the contract's ports, in the order they start. */
	static List<ServiceProcess> all(Path logDirectory) {
		return all(logDirectory, StackPorts.DEFAULTS);
	}

	/** The four services, in the order they start. */
	static List<ServiceProcess> all(Path logDirectory, StackPorts ports) {
		return List.of(new ServiceProcess("events-service", "events", ports.events(), logDirectory),
				new ServiceProcess("campaign-service", "campaign", ports.campaign(), logDirectory),
				new ServiceProcess("notification-service", "notification", ports.notification(), logDirectory),
				new ServiceProcess("gateway", "gateway", ports.gateway(), logDirectory));
	}

	String name() {
		return this.name;
	}

	/** The name without {@code -service}, as in the database name {@code sammen-events}. */
	String shortName() {
		return this.shortName;
	}

	int port() {
		return this.port;
	}

	Path logFile() {
		return this.logFile;
	}

	/** The newest executable jar the module's build produced, if any. */
	Optional<Path> findJar(Path root) {
		Path target = root.resolve(this.name).resolve("target");
		if (!Files.isDirectory(target)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(target)) {
			return files
				.filter((file) -> file.getFileName().toString().matches(this.name + "-\\d.*\\.jar")
						&& !file.getFileName().toString().matches(".*-(sources|javadoc|tests|plain)\\.jar"))
				.max(Comparator.comparing(ServiceProcess::lastModified));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + target, ex);
		}
	}

	/** Starts the service; a restart after {@link #terminate()} appends to the log the first start began. */
	void start(Path jar, Map<String, String> environment) {
		ProcessBuilder builder = new ProcessBuilder(JavaCommand.javaBinary(), "-Xmx512m", "-jar", jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.startedBefore ? ProcessBuilder.Redirect.appendTo(this.logFile.toFile())
					: ProcessBuilder.Redirect.to(this.logFile.toFile()));
		builder.environment().putAll(environment);
		try {
			this.process = builder.start();
			this.startedBefore = true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
	}

	/**
	 * Blocks until {@code /actuator/health/readiness} answers 200.
	 * @throws IllegalStateException with the tail of the service's log if the service exits or
	 * the timeout passes first
	 */
	void awaitReady(Duration timeout) {
		Process running = running();
		URI readiness = URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness");
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build();
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				if (!running.isAlive()) {
					throw failure(this.name + " exited with code " + running.exitValue() + " while starting");
				}
				if (isReady(http, request)) {
					return;
				}
				if (System.nanoTime() > deadline) {
					throw failure(this.name + " was not ready within " + timeout.toSeconds() + " s (" + readiness + ")");
				}
				// paces the polling and notices an early exit at once
				running.waitFor(500, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
		}
	}

	CompletableFuture<Process> onExit() {
		return running().onExit();
	}

	boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Asks the service to shut down gracefully (SIGTERM), without waiting. */
	void terminate() {
		if (this.process != null) {
			this.process.destroy();
		}
	}

	/** Waits until the process is gone, and kills it if the deadline (a {@link System#nanoTime()}) passes. */
	void awaitExitOrKill(long deadline) {
		Process running = this.process;
		if (running == null) {
			return;
		}
		try {
			if (!running.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			running.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	String logTail() {
		return LogTail.of(this.logFile, LOG_TAIL_LINES);
	}

	private IllegalStateException failure(String message) {
		return new IllegalStateException(message + "; last lines of " + this.logFile + ":" + System.lineSeparator()
				+ logTail());
	}

	private Process running() {
		Process running = this.process;
		if (running == null) {
			throw new IllegalStateException(this.name + " has not been started");
		}
		return running;
	}

	private static boolean isReady(HttpClient http, HttpRequest request) throws InterruptedException {
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static long lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
