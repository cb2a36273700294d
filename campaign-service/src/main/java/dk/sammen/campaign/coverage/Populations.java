package dk.sammen.campaign.coverage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dk.sammen.platform.geography.Kommuner;
import org.springframework.stereotype.Component;

/**
 * Residents per kommune, from {@code reference/kommune-population.csv}, whose header says where
 * the figures come from and how exact they are. Every kommune of the reference list has a figure,
 * or the service does not start.
 */
@Component
class Populations {

	static final String RESOURCE = "/reference/kommune-population.csv";

	/** Shown with every figure computed from populations, since the file is approximate. */
	static final String SOURCE = "approximately Danmarks Statistik FOLK1A, 1 January 2024, rounded to 100 "
			+ "(see reference/kommune-population.csv)";

	private final Map<String, Integer> byKommune;

	Populations(Kommuner kommuner) {
		this.byKommune = read();
		Set<String> missing = new TreeSet<>(kommuner.codes());
		missing.removeAll(this.byKommune.keySet());
		if (!missing.isEmpty()) {
			throw new IllegalStateException(RESOURCE + " lacks kommuner " + missing);
		}
	}

	int of(String kommuneCode) {
		return this.byKommune.getOrDefault(kommuneCode, 0);
	}

	private static Map<String, Integer> read() {
		try (InputStream in = Populations.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the classpath");
			}
			Map<String, Integer> populations = new HashMap<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			boolean header = true;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				if (header) {
					header = false;
					continue;
				}
				String[] cells = line.split(",");
				populations.put(cells[0].strip(), Integer.parseInt(cells[1].strip()));
			}
			return Map.copyOf(populations);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
