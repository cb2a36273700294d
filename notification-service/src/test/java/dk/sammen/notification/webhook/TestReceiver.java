package dk.sammen.notification.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A webhook receiver on 127.0.0.1 over real HTTPS, with a self-signed certificate made for this
 * run by the JDK's keytool. Each path answers from a script (e.g. 503, 503, then 200 for ever) and
 * every request is recorded as it arrived: headers, body, time.
 */
final class TestReceiver implements AutoCloseable {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final KeyStore keyStore;

	private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

	private final Map<String, Integer> finals = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** One request as the receiver got it; header names in lower case. */
	record Received(String path, Map<String, String> headers, String body, Instant at) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		}

	}

	TestReceiver() throws Exception {
		this.keyStore = selfSigned();
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(this.keyStore, PASSWORD);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(tls));
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** The certificate as a receiving client's trust, for the test-only {@link WebhookTrust}. */
	TrustManagerFactory trust() throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("receiver", this.keyStore.getCertificate("receiver"));
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		return factory;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String url(String path) {
		return "https://127.0.0.1:" + port() + path;
	}

	/** {@code path} answers {@code first…} in turn, then {@code then} for ever. */
	void script(String path, int then, Integer... first) {
		this.scripts.put(path, new ArrayDeque<>(List.of(first)));
		this.finals.put(path, then);
	}

	List<Received> at(String path) {
		return this.received.stream().filter((r) -> r.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Map<String, String> headers = new TreeMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
				String.join(",", values)));
		this.received.add(new Received(path, headers, body, Instant.now()));
		Deque<Integer> script = this.scripts.get(path);
		Integer scripted = (script != null) ? script.poll() : null;
		int status = (scripted != null) ? scripted : this.finals.getOrDefault(path, 200);
		if (status >= 300 && status < 400) {
			exchange.getResponseHeaders().set("Location", url("/redirected-to"));
		}
		// a body the sender must not keep: it is never stored or echoed
		byte[] answer = ("{\"secretOfTheReceiver\":\"do-not-store-" + status + "\"}").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	private static KeyStore selfSigned() throws Exception {
		Path directory = Files.createTempDirectory("webhook-receiver");
		Path file = directory.resolve("receiver.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore",
				file.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, PASSWORD);
		}
		Files.delete(file);
		Files.delete(directory);
		return store;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
