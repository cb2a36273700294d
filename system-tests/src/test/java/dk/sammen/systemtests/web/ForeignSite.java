package dk.sammen.systemtests.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A kommune's own website on another origin than Sammen: one page with styles and a script of
 * its own that embeds the widget, as the README's snippet shows.
 */
final class ForeignSite implements AutoCloseable {

	private final HttpServer server;

	private ForeignSite(HttpServer server) {
		this.server = server;
	}

	static ForeignSite serving(String widgetSnippet) {
		String page = """
				<!DOCTYPE html>
				<html lang="da">
				<head>
				<meta charset="utf-8">
				<title>Ringsted Kommune – Fællesskaber</title>
				<style>
				  body { font-family: Georgia, serif; color: #202020; margin: 2rem; }
				  h2 { font-size: 48px; color: #000; }
				  li { color: #c00000 !important; background: #ffff00; }
				  a { color: #006400; }
				</style>
				</head>
				<body>
				<main>
				<h1 id="host-title">Ringsted Kommune</h1>
				<p>Kom med til fællesspisning:</p>
				%s
				<p><button id="host-button" type="button">Værtens knap</button> <span id="host-output"></span></p>
				</main>
				<script>
				  document.getElementById('host-button').addEventListener('click', () => {
				    document.getElementById('host-output').textContent = 'Værtens script virker';
				  });
				</script>
				</body>
				</html>
				""".formatted(widgetSnippet);
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				byte[] body = page.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return new ForeignSite(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code http://127.0.0.1:<port>/}: another origin than the gateway, by its port. */
	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
