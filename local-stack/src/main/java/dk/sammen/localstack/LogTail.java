package dk.sammen.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages. */
public final class LogTail {

	// enough for the last lines of a stack trace without reading a large log in full
	private static final int MAX_BYTES = 64 * 1024;

	private LogTail() {
	}

	/** Up to {@code lines} last lines of the file, or a note that it cannot be read. */
	public static String of(Path file, int lines) {
		if (!Files.isRegularFile(file)) {
			return "(no log at " + file + ")";
		}
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long start = Math.max(0, in.length() - MAX_BYTES);
			byte[] bytes = new byte[(int) (in.length() - start)];
			in.seek(start);
			in.readFully(bytes);
			List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + file + ": " + ex.getMessage() + ")";
		}
	}

}
