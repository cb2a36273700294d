package dk.sammen.campaign.coverage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dk.sammen.platform.geography.Kommuner;
import org.springframework.stereotype.Component;

/**
 * The kommune outlines of the choropleth, from {@code reference/kommune-shapes.csv} (a schematic
 * drawing, not surveyed boundaries; its header and {@code kommune-shapes.LICENCE.md} say where it
 * comes from). Coordinates are the drawing's own plane, y downwards. Every kommune of the reference
 * list has an outline, or the service does not start.
 */
@Component
class KommuneShapes {

	static final String RESOURCE = "/reference/kommune-shapes.csv";

	/** Credited under every choropleth, as the MIT licence of the drawing asks. */
	static final String CREDIT = "Kommunekort: skematisk tegning fra react-denmark-map 1.0.0, © 2022 Martin Polley, "
			+ "MIT-licens";

	/** The outline of one kommune: rings of points, each point {x, y}. */
	record Outline(List<double[][]> rings) {

		/** Whether the point lies inside the outline (even-odd rule, as SVG fills it). */
		boolean contains(double x, double y) {
			boolean inside = false;
			for (double[][] ring : this.rings) {
				for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
					if ((ring[i][1] > y) != (ring[j][1] > y)
							&& x < (ring[j][0] - ring[i][0]) * (y - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0]) {
						inside = !inside;
					}
				}
			}
			return inside;
		}

	}

	/** The rectangle all outlines lie in. */
	record Bounds(double minX, double minY, double maxX, double maxY) {

		double width() {
			return this.maxX - this.minX;
		}

		double height() {
			return this.maxY - this.minY;
		}

	}

	private final Map<String, Outline> byKommune;

	private final Bounds bounds;

	KommuneShapes(Kommuner kommuner) {
		this.byKommune = read();
		Set<String> missing = new TreeSet<>(kommuner.codes());
		missing.removeAll(this.byKommune.keySet());
		if (!missing.isEmpty()) {
			throw new IllegalStateException(RESOURCE + " lacks kommuner " + missing);
		}
		this.bounds = bounds(this.byKommune.values());
	}

	Outline of(String kommuneCode) {
		Outline outline = this.byKommune.get(kommuneCode);
		if (outline == null) {
			throw new IllegalArgumentException("no outline for kommune " + kommuneCode);
		}
		return outline;
	}

	Bounds bounds() {
		return this.bounds;
	}

	/** The bounds of some kommuner only, e.g. for an enlarged inset. */
	Bounds bounds(Set<String> kommuneCodes) {
		return bounds(kommuneCodes.stream().map(this::of).toList());
	}

	private static Bounds bounds(Iterable<Outline> outlines) {
		double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
		for (Outline outline : outlines) {
			for (double[][] ring : outline.rings()) {
				for (double[] point : ring) {
					minX = Math.min(minX, point[0]);
					minY = Math.min(minY, point[1]);
					maxX = Math.max(maxX, point[0]);
					maxY = Math.max(maxY, point[1]);
				}
			}
		}
		return new Bounds(minX, minY, maxX, maxY);
	}

	private static Map<String, Outline> read() {
		try (InputStream in = KommuneShapes.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the classpath");
			}
			Map<String, Outline> outlines = new HashMap<>();
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
				int separator = line.indexOf(';');
				outlines.put(line.substring(0, separator).strip(), parse(line.substring(separator + 1)));
			}
			return Map.copyOf(outlines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads the file's only form of path data: {@code M x,y x,y … Z}, repeated, absolute. */
	static Outline parse(String path) {
		List<double[][]> rings = new ArrayList<>();
		for (String ring : path.split("Z")) {
			String points = ring.strip();
			if (points.isEmpty()) {
				continue;
			}
			if (points.charAt(0) != 'M') {
				throw new IllegalStateException("ring does not start with M: " + points);
			}
			String[] pairs = points.substring(1).strip().split("\\s+");
			double[][] parsed = new double[pairs.length][];
			for (int i = 0; i < pairs.length; i++) {
				int comma = pairs[i].indexOf(',');
				parsed[i] = new double[] { Double.parseDouble(pairs[i].substring(0, comma)),
						Double.parseDouble(pairs[i].substring(comma + 1)) };
			}
			rings.add(parsed);
		}
		return new Outline(List.copyOf(rings));
	}

}
