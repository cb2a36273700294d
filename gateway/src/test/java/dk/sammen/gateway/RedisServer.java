package dk.sammen.gateway;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real {@code redis-server} for one test class: a child process on a free loopback port that
 * keeps nothing on disk, stopped after the class. The class is skipped when redis-server is not
 * installed ({@code .ci/run} installs the Debian package).
 */
final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private @Nullable Path binary;

	private int port;

	private @Nullable Process process;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.binary = find();
		assumeTrue(this.binary != null, "redis-server is not installed; skipping the Redis tests");
		this.port = freePort();
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	int port() {
		return this.port;
	}

	/** Starts the server (again, after {@link #stop()}) on the same port and waits until it answers. */
	synchronized void start() throws IOException {
		if (this.binary == null) {
			throw new IllegalStateException("redis-server is not installed");
		}
		Path log = Path.of("target", "redis-" + this.port + ".log");
		Files.createDirectories(log.getParent());
		this.process = new ProcessBuilder(this.binary.toString(), "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		Process started = this.process;
		await().atMost(START_TIMEOUT).until(() -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("redis-server ended with " + started.exitValue() + "; see " + log);
			}
			return pong();
		});
	}

	/** Stops the server, as an outage would. */
	synchronized void stop() {
		Process running = this.process;
		this.process = null;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(10, TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running.destroyForcibly();
		}
	}

	private boolean pong() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 500);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static @Nullable Path find() {
		List<Path> candidates = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				if (!directory.isBlank()) {
					candidates.add(Path.of(directory, "redis-server"));
				}
			}
		}
		candidates.add(Path.of("/usr/bin/redis-server"));
		return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
