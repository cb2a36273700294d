package dk.sammen.gateway.web;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public page's settings.
 *
 * @param tileUrl the map's tile server as a Leaflet URL template; its origin is the only foreign
 * host the page's Content-Security-Policy lets images come from
 * @param tileAttribution the credit the tile server's licence asks for, as HTML
 * @param widgetMaxAge how long browsers may keep {@code /widget.js}, whose URL never changes
 */
@ConfigurationProperties("sammen.gateway.web")
record WebProperties(@DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png") String tileUrl,
		@DefaultValue("&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>") String tileAttribution,
		@DefaultValue("10m") Duration widgetMaxAge) {

	private static final Pattern ORIGIN = Pattern.compile("^https?://[^/]+");

	/**
	 * {@code https://host[:port]} of the tile server as a CSP source; Leaflet's subdomain
	 * placeholder {@code {s}} becomes a wildcard.
	 */
	String tileSource() {
		Matcher origin = ORIGIN.matcher(this.tileUrl);
		if (!origin.find()) {
			throw new IllegalArgumentException("sammen.gateway.web.tile-url must be an absolute http(s) URL");
		}
		return origin.group().replace("{s}", "*");
	}

}
