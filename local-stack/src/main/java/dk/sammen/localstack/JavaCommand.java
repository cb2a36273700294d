package dk.sammen.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Command lines for child JVMs that use this JVM's {@code java} binary and class path. */
final class JavaCommand {

	// one command-line argument may not exceed 128 KiB on Linux; a long class path goes to a file
	private static final int MAX_INLINE_CLASSPATH = 32 * 1024;

	private JavaCommand() {
	}

	/** The {@code java} binary running this JVM. */
	static String javaBinary() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * {@code java <jvmOptions> -cp <this JVM's class path> <mainClass> <args>}. Under Maven Surefire
	 * the class path may be a manifest-only jar; {@code java -cp} follows its {@code Class-Path}.
	 * @param argFileDirectory where to write an argument file if the class path is too long for
	 * the command line
	 */
	static List<String> of(List<String> jvmOptions, String mainClass, List<String> args, Path argFileDirectory) {
		return of(absoluteClassPath(), jvmOptions, mainClass, args, argFileDirectory);
	}

	static List<String> of(String classPath, List<String> jvmOptions, String mainClass, List<String> args,
			Path argFileDirectory) {
		List<String> command = new ArrayList<>();
		command.add(javaBinary());
		command.addAll(jvmOptions);
		if (classPath.length() <= MAX_INLINE_CLASSPATH) {
			command.add("-cp");
			command.add(classPath);
		}
		else {
			command.add("@" + writeArgFile(classPath, argFileDirectory));
		}
		command.add(mainClass);
		command.addAll(args);
		return command;
	}

	/** This JVM's class path with absolute entries, as children run in other directories. */
	static String absoluteClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.isEmpty())
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static Path writeArgFile(String classPath, Path directory) {
		try {
			Files.createDirectories(directory);
			Path file = directory.resolve("classpath.argfile");
			String quoted = classPath.replace("\\", "\\\\").replace("\"", "\\\"");
			Files.writeString(file, "-cp \"" + quoted + "\"\n");
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the class path argument file in " + directory, ex);
		}
	}

}
