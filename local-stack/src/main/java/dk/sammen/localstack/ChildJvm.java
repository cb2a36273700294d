package dk.sammen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A main class of this JVM's class path run in a child JVM, for tests that must kill a process the
 * hard way (SIGKILL: no shutdown hooks, no graceful stop, no last offset commit).
 */
public final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final Path log;

	private ChildJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/** Starts {@code mainClass} with {@code args}; its output goes to {@code log}. */
	public static ChildJvm start(String mainClass, List<String> jvmOptions, List<String> args, Path log) {
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(
					JavaCommand.of(jvmOptions, mainClass, args, log.toAbsolutePath().getParent()))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			return new ChildJvm(builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + mainClass, ex);
		}
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path log() {
		return this.log;
	}

	/** SIGKILL, and wait until the process is gone. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		kill();
	}

}
