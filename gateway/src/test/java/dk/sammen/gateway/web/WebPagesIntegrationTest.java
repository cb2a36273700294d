package dk.sammen.gateway.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dk.sammen.localstack.KafkaBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public page as a browser fetches it: pages with their security headers, assets under a
 * versioned path, Leaflet, the widget, and the manage link of the mails opening a page for
 * browsers only. The services are not running: what is proxied answers 503.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.gateway.services.notification-uri=http://127.0.0.1:9",
				"sammen.gateway.web.tile-url=https://tiles.example.org/{z}/{x}/{y}.png" })
@AutoConfigureWebTestClient
class WebPagesIntegrationTest {

	private static final Pattern ASSETS = Pattern.compile("/assets/([0-9a-f]{12})/search\\.js");

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
	}

	@Test
	void root_servesDanishPageWithStrictHeaders() {
		WebTestClient.ResponseSpec response = this.client.get().uri("/").accept(MediaType.TEXT_HTML).exchange();
		response.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noCache())
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Content-Security-Policy",
					"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https://tiles.example.org; "
							+ "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
							+ "frame-ancestors 'none'; object-src 'none'");
		String html = response.expectBody(String.class).returnResult().getResponseBody();
		assertThat(html).contains("<html lang=\"da\">")
			.contains("<option value=\"0661\">Holstebro</option>")
			.contains("<option value=\"1084\">Region Hovedstaden</option>")
			.doesNotContain("{{");
	}

	@Test
	void page_withItsETag_isNotModified() {
		String etag = this.client.get().uri("/abonnement").exchange().expectStatus().isOk().returnResult(String.class)
			.getResponseHeaders().getETag();
		this.client.get().uri("/abonnement").header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus()
			.isNotModified();
	}

	@Test
	void assets_ofThisVersion_areImmutable() {
		String version = version();
		for (String asset : new String[] { "search.js", "common.js", "app.css", "leaflet/leaflet.js",
				"leaflet/leaflet.css", "leaflet/images/marker-icon.png" }) {
			this.client.get()
				.uri("/assets/" + version + "/" + asset)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff");
		}
		this.client.get()
			.uri("/assets/" + version + "/search.js")
			.exchange()
			.expectHeader()
			.contentTypeCompatibleWith("text/javascript");
	}

	@Test
	void assets_ofAnotherVersion_areServedButNotKept() {
		this.client.get()
			.uri("/assets/000000000000/app.css")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
	}

	@Test
	void assets_unknownOrOutside_are404() {
		String version = version();
		this.client.get().uri("/assets/" + version + "/nothing.js").exchange().expectStatus().isNotFound();
		this.client.get().uri("/assets/" + version + "/leaflet/leaflet.js.map").exchange().expectStatus().isNotFound();
		this.client.get().uri("/assets/" + version + "/../pages/index.html").exchange().expectStatus().isNotFound();
	}

	@Test
	void widget_isReadableFromOtherOrigins() {
		this.client.get()
			.uri("/widget.js")
			.header(HttpHeaders.ORIGIN, "https://www.holstebro.dk")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Cross-Origin-Resource-Policy", "cross-origin")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=600, public")
			.expectBody(String.class)
			.value((script) -> assertThat(script).contains("attachShadow"));
	}

	@Test
	void manageLink_openedInBrowser_isThePage() {
		this.client.get()
			.uri("/api/v1/subscriptions/me?token=s1.x")
			.header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("manage.js"));
	}

	@Test
	void manageLink_readByApiClient_goesToNotificationService() {
		for (String accept : new String[] { "application/json", "*/*" }) {
			this.client.get()
				.uri("/api/v1/subscriptions/me?token=s1.x")
				.header(HttpHeaders.ACCEPT, accept)
				.exchange()
				.expectStatus()
				.isEqualTo(503);
		}
	}

	private String version() {
		String html = this.client.get().uri("/").exchange().expectBody(String.class).returnResult().getResponseBody();
		Matcher matcher = ASSETS.matcher(html);
		assertThat(matcher.find()).as("the page names its script under /assets/<version>/").isTrue();
		return matcher.group(1);
	}

}
