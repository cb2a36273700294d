package dk.sammen.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the files under test are: this module runs with its own directory as working directory. */
final class Repository {

	static final Path ROOT = findRoot();

	static final Path K8S = ROOT.resolve("k8s");

	static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

	/** The Sammen services, as named everywhere: module, Kubernetes Deployment and Compose service. */
	static final java.util.List<String> SERVICES = java.util.List.of("events-service", "campaign-service",
			"notification-service", "gateway");

	private Repository() {
	}

	static Path module(String name) {
		return ROOT.resolve(name);
	}

	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

}
