package dk.sammen.deployment;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize}, the renderer a platform engineer
 * applies with ({@code kubectl apply -k}), so the tests see exactly what a cluster would get.
 */
final class Kustomize {

	private static final ConcurrentHashMap<Path, String> rendered = new ConcurrentHashMap<>();

	private Kustomize() {
	}

	/** The rendered YAML of {@code k8s/<dir>}, rendered once per test run. */
	static String render(String dir) {
		return rendered.computeIfAbsent(Repository.K8S.resolve(dir), Kustomize::run);
	}

	private static String run(Path dir) {
		String kubectl = kubectl();
		try {
			Path errors = Files.createTempFile("kustomize", ".err");
			Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
				.redirectError(errors.toFile())
				.start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + Files.readString(errors));
			}
			Files.delete(errors);
			return out;
		}
		catch (IOException ex) {
			throw new AssertionError("Could not run " + kubectl, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * kubectl from the PATH. Missing, the tests fail rather than skip: they are the only check of
	 * k8s/ there is, and CI must not turn green without it.
	 */
	private static String kubectl() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "kubectl");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new AssertionError("kubectl is not on the PATH; the deployment tests render k8s/ with "
				+ "`kubectl kustomize` (kubectl 1.27+ with Kustomize 5). Install it, e.g. "
				+ "`apt-get install kubectl` from the Kubernetes apt repository or a static binary from dl.k8s.io, "
				+ "or leave this module out with -pl '!deployment-tests'.");
	}

	static List<String> overlays() {
		return List.of("overlays/dev", "overlays/prod");
	}

}
