package dk.sammen.campaign.coverage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.sammen.campaign.coverage.KommuneShapes.Outline;
import dk.sammen.platform.geography.Kommune;
import dk.sammen.platform.geography.Kommuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The reference data behind the choropleth: an outline for each of the 98 kommuner, and outlines
 * that are where the kommuner are, checked against the reference points of {@code kommuner.csv}.
 */
class KommuneShapesTests {

	private static final Kommuner kommuner = Kommuner.load();

	private final KommuneShapes shapes = new KommuneShapes(kommuner);

	@Test
	void everyKommuneHasAnOutline_andTheFileStaysSmall() throws IOException {
		for (String code : kommuner.codes()) {
			Outline outline = this.shapes.of(code);
			assertThat(outline.rings()).as(code).isNotEmpty().allSatisfy((ring) -> assertThat(ring.length).isGreaterThan(2));
		}
		try (InputStream in = KommuneShapes.class.getResourceAsStream(KommuneShapes.RESOURCE)) {
			assertThat(in.readAllBytes().length).isLessThan(200_000);
		}
		try (InputStream in = KommuneShapes.class.getResourceAsStream("/reference/kommune-shapes.LICENCE.md")) {
			assertThat(new String(in.readAllBytes())).contains("MIT License").contains("Copyright (c) 2022 Martin Polley");
		}
	}

	/**
	 * The drawing is schematic but follows the map: fit one linear map from longitude/latitude to the
	 * drawing's plane over all reference points, and nearly every kommune's reference point lands in
	 * its own outline (a swapped code would not). Dragør is a narrow coast and Bornholm is moved.
	 */
	@Test
	void outlinesAreWhereTheKommunerAre() {
		List<Kommune> all = new ArrayList<>(kommuner.all());
		all.removeIf((kommune) -> kommune.code().equals("0400"));
		double[] lon = all.stream().mapToDouble((k) -> k.point().lon()).toArray();
		double[] lat = all.stream().mapToDouble((k) -> k.point().lat()).toArray();
		double[] x = all.stream().mapToDouble((k) -> centre(this.shapes.of(k.code()))[0]).toArray();
		double[] y = all.stream().mapToDouble((k) -> centre(this.shapes.of(k.code()))[1]).toArray();
		double[] toX = fit(lon, x);
		double[] toY = fit(lat, y);
		assertThat(toY[0]).as("y grows southwards").isNegative();
		// equirectangular at about 56° N: a degree of longitude is cos(56°) of a degree of latitude
		assertThat(toX[0] / -toY[0]).isBetween(0.5, 0.65);
		List<String> outside = new ArrayList<>();
		for (Kommune kommune : kommuner.all()) {
			double px = toX[0] * kommune.point().lon() + toX[1];
			double py = toY[0] * kommune.point().lat() + toY[1];
			if (!this.shapes.of(kommune.code()).contains(px, py)) {
				outside.add(kommune.code());
			}
		}
		assertThat(outside).containsExactlyInAnyOrder("0155", "0400");
	}

	@Test
	void parse_readsRingsOfAbsolutePoints() {
		Outline outline = KommuneShapes.parse("M0,0 10,0 10,10 0,10Z M20,20 30,20 30,30Z");
		assertThat(outline.rings()).hasSize(2);
		assertThat(outline.rings().get(0)[2]).containsExactly(10, 10);
		assertThat(outline.contains(5, 5)).isTrue();
		assertThat(outline.contains(15, 5)).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> KommuneShapes.parse("L0,0 1,1 2,0Z"));
	}

	/** The centroid of the largest ring (most kommuner are one piece of land and some islets). */
	private static double[] centre(Outline outline) {
		double[][] ring = outline.rings().stream()
			.max((a, b) -> Double.compare(Math.abs(area(a)), Math.abs(area(b))))
			.orElseThrow();
		double cx = 0;
		double cy = 0;
		for (int i = 0; i < ring.length; i++) {
			double[] a = ring[i];
			double[] b = ring[(i + 1) % ring.length];
			double cross = a[0] * b[1] - b[0] * a[1];
			cx += (a[0] + b[0]) * cross;
			cy += (a[1] + b[1]) * cross;
		}
		double six = 6 * area(ring);
		return new double[] { cx / six, cy / six };
	}

	private static double area(double[][] ring) {
		double sum = 0;
		for (int i = 0; i < ring.length; i++) {
			double[] a = ring[i];
			double[] b = ring[(i + 1) % ring.length];
			sum += a[0] * b[1] - b[0] * a[1];
		}
		return sum / 2;
	}

	/** Least squares v = k·u + m; returns {k, m}. */
	private static double[] fit(double[] u, double[] v) {
		double mu = 0;
		double mv = 0;
		for (int i = 0; i < u.length; i++) {
			mu += u[i] / u.length;
			mv += v[i] / v.length;
		}
		double covariance = 0;
		double variance = 0;
		for (int i = 0; i < u.length; i++) {
			covariance += (u[i] - mu) * (v[i] - mv);
			variance += (u[i] - mu) * (u[i] - mu);
		}
		double k = covariance / variance;
		return new double[] { k, mv - k * mu };
	}

}
