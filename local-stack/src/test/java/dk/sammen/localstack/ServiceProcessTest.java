package dk.sammen.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessTest {

	@TempDir
	Path root;

	@Test
	void findJar_takesTheNewestExecutableJarOfTheModule() throws Exception {
		Path target = Files.createDirectories(this.root.resolve("gateway/target"));
		jar(target.resolve("gateway-0.1.0-SNAPSHOT.jar"), 100);
		jar(target.resolve("gateway-0.2.0-SNAPSHOT.jar"), 200);
		jar(target.resolve("gateway-0.2.0-SNAPSHOT-sources.jar"), 300);
		jar(target.resolve("gateway-0.2.0-SNAPSHOT-plain.jar"), 300);
		jar(target.resolve("gateway-0.2.0-SNAPSHOT.jar.original"), 300);

		assertThat(gateway().findJar(this.root)).contains(target.resolve("gateway-0.2.0-SNAPSHOT.jar"));
	}

	@Test
	void findJar_whenTheModuleIsNotBuilt_isEmpty() {
		assertThat(gateway().findJar(this.root)).isEmpty();
	}

	private ServiceProcess gateway() {
		return ServiceProcess.all(this.root.resolve("logs"))
			.stream()
			.filter((service) -> service.name().equals("gateway"))
			.findFirst()
			.orElseThrow();
	}

	private static void jar(Path file, long epochSecond) throws Exception {
		Files.writeString(file, "not really a jar");
		Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
	}

}
