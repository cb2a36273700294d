package dk.sammen.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting directory trees. */
final class DirectoryTrees {

	private DirectoryTrees() {
	}

	static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + directory, ex);
		}
	}

	/** For shutdown hooks, where a leftover temporary directory is not worth an error. */
	static void deleteQuietly(Path directory) {
		try {
			delete(directory);
		}
		catch (UncheckedIOException ex) {
			System.err.println(ex.getMessage());
		}
	}

}
