package dk.sammen.localstack;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JavaCommandTest {

	@TempDir
	Path directory;

	@Test
	void of_withAShortClassPath_passesItOnTheCommandLine() {
		List<String> command = JavaCommand.of("/a.jar:/b dir", List.of("-Xmx64m"), "Main", List.of("x"), this.directory);

		assertThat(command).containsExactly(JavaCommand.javaBinary(), "-Xmx64m", "-cp", "/a.jar:/b dir", "Main", "x");
	}

	@Test
	void of_withAClassPathTooLongForOneArgument_passesItInAnArgumentFileTheChildReads() throws Exception {
		String padding = IntStream.range(0, 2000)
			.mapToObj((i) -> this.directory.resolve("not there \"" + i + "\"").toString())
			.collect(Collectors.joining(File.pathSeparator));
		String classPath = JavaCommand.absoluteClassPath() + File.pathSeparator + padding;
		List<String> command = JavaCommand.of(classPath, List.of(), PrintClassPath.class.getName(), List.of(),
				this.directory);

		assertThat(command).noneMatch((argument) -> argument.equals("-cp"))
			.anyMatch((argument) -> argument.startsWith("@"));
		Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(output.strip()).isEqualTo(classPath);
	}

	@Test
	void absoluteClassPath_hasNoRelativeEntries() {
		assertThat(JavaCommand.absoluteClassPath().split(File.pathSeparator))
			.allSatisfy((entry) -> assertThat(Path.of(entry)).isAbsolute());
	}

	static final class PrintClassPath {

		public static void main(String[] args) {
			System.out.print(System.getProperty("java.class.path"));
		}

	}

}
