package dk.sammen.gateway.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import dk.sammen.platform.geography.Kommuner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The page's routes. They are WebFlux functional routes, whose handler mapping comes before
 * Spring Cloud Gateway's, so the catch-all 404 route never sees these paths.
 * <p>
 * {@code /api/v1/subscriptions/me?token=} is the manage link in every newsletter mail: a browser
 * opening it (which asks for {@code text/html} by name) gets the manage page, which reads the very
 * same URL as JSON; API clients, which ask for JSON or anything, still reach notification-service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebConfiguration {

	static final String MANAGE_LINK_PATH = "/api/v1/subscriptions/me";

	private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	@Bean
	RouterFunction<ServerResponse> webRoutes(Kommuner kommuner, WebProperties properties) {
		WebAssets assets = WebAssets.load();
		WebPages pages = WebPages.load(assets, kommuner, properties);
		String policy = contentSecurityPolicy(properties);
		String etag = "\"" + assets.version() + "\"";
		return RouterFunctions.route()
			.GET("/", (request) -> page(request, pages.page("index"), policy, etag))
			.GET("/arrangement/{id}", (request) -> page(request, pages.page("event"), policy, etag))
			.GET("/abonnement", (request) -> page(request, pages.page("subscribe"), policy, etag))
			.GET(MANAGE_LINK_PATH, browserNavigation(),
					(request) -> page(request, pages.page("manage"), policy, etag))
			.GET("/widget.js", (request) -> widget(pages.widget(), properties.widgetMaxAge()))
			.GET("/assets/{version}/**", (request) -> asset(request, assets))
			.build();
	}

	/**
	 * Everything the page loads comes from here, except map tiles; nothing inline, no frames of
	 * it elsewhere (the widget is a script for that), no referrer to the tile server.
	 */
	static String contentSecurityPolicy(WebProperties properties) {
		return String.join("; ", List.of("default-src 'none'", "script-src 'self'", "style-src 'self'",
				"img-src 'self' data: " + properties.tileSource(), "connect-src 'self'", "font-src 'self'",
				"form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'", "object-src 'none'"));
	}

	/** A browser following a link asks for HTML by name; fetch() and curl send {@code *}{@code /*}. */
	private static RequestPredicate browserNavigation() {
		return (request) -> request.headers()
			.accept()
			.stream()
			.anyMatch((type) -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
	}

	private static Mono<ServerResponse> page(ServerRequest request, byte[] html, String policy, String etag) {
		// the pages change with the assets they name, so the asset version is their ETag
		boolean notModified = request.headers().header(HttpHeaders.IF_NONE_MATCH).contains(etag);
		ServerResponse.BodyBuilder response = notModified ? ServerResponse.status(HttpStatus.NOT_MODIFIED)
				: ServerResponse.ok();
		response.cacheControl(CacheControl.noCache())
			.eTag(etag)
			.header("Content-Security-Policy", policy)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.header("Permissions-Policy", "geolocation=(self), camera=(), microphone=(), interest-cohort=()")
			.header("X-Frame-Options", "DENY")
			.header("Cross-Origin-Opener-Policy", "same-origin");
		return notModified ? response.build()
				: response.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
					.bodyValue(html);
	}

	/** Loaded by other websites, so readable across origins; its URL is fixed, so cached briefly. */
	private static Mono<ServerResponse> widget(byte[] script, Duration maxAge) {
		return ServerResponse.ok()
			.contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
			.cacheControl(CacheControl.maxAge(maxAge).cachePublic())
			.header("X-Content-Type-Options", "nosniff")
			.header("Cross-Origin-Resource-Policy", "cross-origin")
			.header("Access-Control-Allow-Origin", "*")
			.bodyValue(script);
	}

	private static Mono<ServerResponse> asset(ServerRequest request, WebAssets assets) {
		String version = request.pathVariable("version");
		String prefix = "/assets/" + version + "/";
		String name = request.path().substring(prefix.length());
		return assets.get(name)
			.map((asset) -> ServerResponse.ok()
				.contentType(asset.mediaType())
				// an old page asking for an old version gets today's file, which it must not keep
				.cacheControl(version.equals(assets.version()) ? IMMUTABLE : CacheControl.noCache())
				.header("X-Content-Type-Options", "nosniff")
				.bodyValue(asset.bytes()))
			.orElseGet(() -> ServerResponse.notFound().build());
	}

}
