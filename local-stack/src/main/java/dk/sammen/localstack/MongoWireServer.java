package dk.sammen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.jspecify.annotations.Nullable;

/**
 * A MongoDB-wire-compatible server in this JVM (mongo-java-server), in memory or kept in an H2
 * MVStore file, listening on 127.0.0.1. The oplog is enabled, so change streams work. Geo queries,
 * {@code $text} and multi-document transactions are not supported. In memory, a filter that pins
 * every key of a unique index is answered from that index ({@link KeyedMemoryBackend}); otherwise,
 * and always in the H2 file, a filter whose keys are not exactly an index's scans the collection.
 *
 * <pre>{@code
 * MongoWireServer mongo = MongoWireServer.inMemory().start();
 * String uri = mongo.connectionString() + "/events";
 * }</pre>
 */
public final class MongoWireServer implements AutoCloseable {

	private static @Nullable MongoWireServer shared;

	private final @Nullable Path file;

	private int port;

	private @Nullable MongoServer server;

	private MongoWireServer(@Nullable Path file, int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Not a port: " + port);
		}
		this.file = (file != null) ? file.toAbsolutePath() : null;
		this.port = port;
	}

	/** An in-memory server on a free port; its data is gone after {@link #stop()}. */
	public static MongoWireServer inMemory() {
		return inMemory(0);
	}

	/** An in-memory server on the given port (0 for a free one). */
	public static MongoWireServer inMemory(int port) {
		return new MongoWireServer(null, port);
	}

	/** A server on a free port whose data lives in the given H2 MVStore file (such as {@code mongo.mv.db}). */
	public static MongoWireServer persistent(Path file) {
		return persistent(file, 0);
	}

	/** A server on the given port (0 for a free one) whose data lives in the given H2 MVStore file. */
	public static MongoWireServer persistent(Path file, int port) {
		return new MongoWireServer(file, port);
	}

	/**
	 * The one in-memory server of this JVM, started on first use and stopped by a shutdown hook.
	 * Tests sharing it should use their own database names.
	 */
	public static synchronized MongoWireServer shared() {
		if (shared == null) {
			MongoWireServer server = inMemory().start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "sammen-mongo-shutdown"));
			shared = server;
		}
		return shared;
	}

	/**
	 * Starts listening; after a {@link #stop()} on the same port as before. Does nothing if
	 * already running.
	 * @return this server
	 */
	public synchronized MongoWireServer start() {
		if (this.server != null) {
			return this;
		}
		MongoServer started = new MongoServer(openBackend());
		// change streams read the oplog
		started.enableOplog();
		started.bind("127.0.0.1", this.port);
		this.port = started.getLocalAddress().getPort();
		this.server = started;
		return this;
	}

	/** Stops listening and closes the backend, which writes a persistent server's file. */
	public synchronized void stop() {
		MongoServer running = this.server;
		if (running != null) {
			running.shutdownNow();
			this.server = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * The port, chosen on the first start if it was 0.
	 * @throws IllegalStateException before the first start when the port is still to be chosen
	 */
	public synchronized int port() {
		if (this.port == 0) {
			throw new IllegalStateException("The port is chosen on the first start");
		}
		return this.port;
	}

	/** {@code mongodb://127.0.0.1:<port>}; append {@code /<database>} for a Spring Boot URI. */
	public String connectionString() {
		return "mongodb://127.0.0.1:" + port();
	}

	/** The H2 file of a persistent server, or {@code null} for an in-memory one. */
	public @Nullable Path file() {
		return this.file;
	}

	private MongoBackend openBackend() {
		if (this.file == null) {
			return new KeyedMemoryBackend();
		}
		try {
			Path parent = this.file.getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the directory for " + this.file, ex);
		}
		return new H2Backend(this.file.toString());
	}

	@Override
	public String toString() {
		return "MongoWireServer[" + ((this.file != null) ? this.file : "in memory") + ", port "
				+ ((this.port != 0) ? this.port : "not yet chosen") + "]";
	}

}
