package dk.sammen.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The page's CSS, JavaScript and Leaflet, read once into memory (together well under 300 KB) and
 * served under one path named after a hash of all their bytes. Any change gives new URLs, so
 * browsers may keep each file forever and still never run an old script with a new page.
 */
final class WebAssets {

	private static final String OWN = "classpath:/web/assets/";

	/**
	 * Leaflet from its WebJar on the class path, served as our own files: no CDN, no third party.
	 * Named one by one, as the WebJar has no directory entries to search.
	 */
	private static final String LEAFLET = "META-INF/resources/webjars/leaflet/1.9.4/dist/";

	private static final List<String> LEAFLET_FILES = List.of("leaflet.js", "leaflet.css", "images/layers.png",
			"images/layers-2x.png", "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png");

	private final Map<String, Asset> byName;

	private final String version;

	private WebAssets(Map<String, Asset> byName, String version) {
		this.byName = byName;
		this.version = version;
	}

	static WebAssets load() {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		Map<String, Asset> byName = new TreeMap<>();
		read(resolver, OWN, "", byName);
		for (String file : LEAFLET_FILES) {
			ClassPathResource resource = new ClassPathResource(LEAFLET + file);
			try (InputStream in = resource.getInputStream()) {
				byName.put("leaflet/" + file, new Asset(in.readAllBytes(), mediaType(file)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Leaflet is missing from the class path: " + LEAFLET + file, ex);
			}
		}
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byName.forEach((name, asset) -> {
				digest.update(name.getBytes(StandardCharsets.UTF_8));
				digest.update(asset.bytes());
			});
			return new WebAssets(Map.copyOf(byName), HexFormat.of().formatHex(digest.digest()).substring(0, 12));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void read(PathMatchingResourcePatternResolver resolver, String base, String prefix,
			Map<String, Asset> into) {
		// the same in a directory and inside the executable jar, whose URLs nest differently
		String marker = base.substring("classpath:/".length());
		try {
			for (Resource resource : resolver.getResources(base + "**/*")) {
				String url = resource.getURL().toString();
				if (url.endsWith("/") || !resource.isReadable()) {
					continue;
				}
				String name = prefix + url.substring(url.lastIndexOf(marker) + marker.length());
				try (InputStream in = resource.getInputStream()) {
					into.put(name, new Asset(in.readAllBytes(), mediaType(name)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the page's files at " + base, ex);
		}
	}

	private static MediaType mediaType(String name) {
		if (name.endsWith(".js")) {
			return new MediaType("text", "javascript", StandardCharsets.UTF_8);
		}
		if (name.endsWith(".css")) {
			return new MediaType("text", "css", StandardCharsets.UTF_8);
		}
		return MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM);
	}

	/** The path all assets of this build are under, such as {@code /assets/3f9a0c1b2d4e}. */
	String base() {
		return "/assets/" + this.version;
	}

	String version() {
		return this.version;
	}

	Optional<Asset> get(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	record Asset(byte[] bytes, MediaType mediaType) {
	}

}
