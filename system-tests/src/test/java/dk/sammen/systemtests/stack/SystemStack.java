package dk.sammen.systemtests.stack;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dk.sammen.localstack.LocalStack;
import dk.sammen.localstack.StackPorts;

/**
 * The whole system as {@code bin/local-stack} runs it, but on free ports, in a temporary data
 * directory, without sample data and with keys of its own, so that it disturbs nobody on the
 * machine and nothing from an earlier run leaks into the tests. Logs go to
 * {@code system-tests/target/stack-logs}.
 */
public final class SystemStack implements AutoCloseable {

	/** The service a test may stop and start again. */
	public static final String CAMPAIGN_SERVICE = "campaign-service";

	private final LocalStack stack;

	private final Path dataDirectory;

	private final PrintStream out;

	private SystemStack(LocalStack stack, Path dataDirectory, PrintStream out) {
		this.stack = stack;
		this.dataDirectory = dataDirectory;
		this.out = out;
	}

	/**
	 * Starts everything and waits until each part is ready.
	 * @throws IllegalStateException if the services' jars are not built or a part does not start
	 */
	static SystemStack start() {
		Path root = Path.of(System.getProperty("sammen.repository-root", "..")).toAbsolutePath().normalize();
		Path logs = Path.of(System.getProperty("sammen.stack-logs", "target/stack-logs")).toAbsolutePath().normalize();
		recreate(logs);
		Path data = temporaryDirectory();
		PrintStream out = printStream(logs.resolve("local-stack.txt"));
		StackPorts ports = StackPorts.free();
		LocalStack stack = LocalStack.builder(root)
			.ports(ports)
			.dataDirectory(data)
			.logDirectory(logs)
			.seed(false)
			// fresh random admin and signing keys, whatever the developer's shell holds
			.environment(Map.of())
			// a source that is back is asked again after 2 s instead of 30 s, so the partial-answer
			// test sees the recovery quickly even if the breaker opened
			.serviceEnvironment("gateway", "SAMMEN_GATEWAY_FEED_CIRCUITBREAKER_WAITINOPENSTATE", "2s")
			// the links in mails lead to this run's gateway, as they lead to the public address in a deployment
			.serviceEnvironment("notification-service", "SAMMEN_NOTIFICATION_LINKS_BASEURL", "http://127.0.0.1:" + ports.gateway())
			.out(out)
			.build();
		List<String> missing = stack.missingJars();
		if (!missing.isEmpty()) {
			out.close();
			throw new IllegalStateException("The system tests run the services' executable jars, but " + missing
					+ " have none in " + root + "/<module>/target. Build them first with ./mvnw -B -DskipTests install "
					+ "(or run the whole build: ./mvnw verify).");
		}
		SystemStack system = new SystemStack(stack, data, out);
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			system.close();
			throw new IllegalStateException("The stack did not start; the logs are in " + logs, ex);
		}
		return system;
	}

	public URI gatewayUri() {
		return this.stack.gatewayUri();
	}

	public String adminKey() {
		return this.stack.adminKey();
	}

	/** The dev mailbox's IMAP port: login and password are the recipient's address. */
	public int imapPort() {
		return this.stack.ports().imap();
	}

	/** Stops one service (SIGTERM, as a deployment would) and waits until it is gone. */
	public void stopService(String name) {
		this.stack.stopService(name);
	}

	/** Starts a stopped service again and waits until it is ready. */
	public void startService(String name) {
		this.stack.startService(name);
	}

	/** Stops everything and deletes the data directory; the logs stay. */
	@Override
	public void close() {
		try {
			this.stack.close();
		}
		finally {
			this.out.close();
			deleteQuietly(this.dataDirectory);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("sammen-system-tests-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temporary directory", ex);
		}
	}

	/** Only this run's logs, so that the directory never mixes two runs. */
	private static void recreate(Path directory) {
		deleteQuietly(directory);
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + directory, ex);
		}
	}

	private static PrintStream printStream(Path file) {
		try {
			return new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static void deleteQuietly(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// a leftover temporary file is not worth failing the run for
		}
	}

}
