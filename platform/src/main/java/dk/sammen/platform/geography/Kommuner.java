package dk.sammen.platform.geography;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The reference list of kommuner and regions. */
public final class Kommuner {

	private static final String RESOURCE = "/reference/kommuner.csv";

	private final Map<String, Kommune> byCode;

	private final Map<String, String> regions;

	private Kommuner(Map<String, Kommune> byCode) {
		this.byCode = Map.copyOf(byCode);
		Map<String, String> regions = new TreeMap<>();
		byCode.values().forEach((kommune) -> regions.put(kommune.regionCode(), kommune.regionName()));
		this.regions = Map.copyOf(regions);
	}

	/** Loads the list shipped with the platform. */
	public static Kommuner load() {
		try (InputStream in = Kommuner.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the classpath");
			}
			Map<String, Kommune> byCode = new LinkedHashMap<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank()) {
					continue;
				}
				String[] cells = line.split(",");
				byCode.put(cells[0], new Kommune(cells[0], cells[1], cells[2], cells[3],
						new GeoPoint(Double.parseDouble(cells[4]), Double.parseDouble(cells[5]))));
			}
			return new Kommuner(byCode);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Optional<Kommune> byCode(String code) {
		return Optional.ofNullable(this.byCode.get(code));
	}

	public boolean isKommune(String code) {
		return this.byCode.containsKey(code);
	}

	public boolean isRegion(String regionCode) {
		return this.regions.containsKey(regionCode);
	}

	public Collection<Kommune> all() {
		return this.byCode.values();
	}

	/** Region codes (1081–1085) to names. */
	public Map<String, String> regions() {
		return this.regions;
	}

	public Set<String> codes() {
		return this.byCode.keySet();
	}

}
