package dk.sammen.platform.geography;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KommunerTests {

	private final Kommuner kommuner = Kommuner.load();

	@Test
	void load_referenceList_has98KommunerIn5Regions() {
		assertThat(this.kommuner.all()).hasSize(98);
		assertThat(this.kommuner.regions()).containsOnlyKeys("1081", "1082", "1083", "1084", "1085");
	}

	@Test
	void byCode_holstebro_isInRegionMidtjylland() {
		Kommune holstebro = this.kommuner.byCode("0661").orElseThrow();
		assertThat(holstebro.name()).isEqualTo("Holstebro");
		assertThat(holstebro.regionCode()).isEqualTo("1082");
	}

	@Test
	void isKommune_unknownOrUnpaddedCode_isFalse() {
		assertThat(this.kommuner.isKommune("661")).isFalse();
		assertThat(this.kommuner.isKommune("9999")).isFalse();
	}

	@Test
	void distanceKm_copenhagenToAarhus_isAbout155Km() {
		GeoPoint copenhagen = this.kommuner.byCode("0101").orElseThrow().point();
		GeoPoint aarhus = this.kommuner.byCode("0751").orElseThrow().point();
		assertThat(copenhagen.distanceKm(aarhus)).isCloseTo(155, within(10.0));
	}

	@Test
	void boxAround_containsEveryPointWithinTheRadius() {
		GeoPoint centre = new GeoPoint(56.36, 8.62);
		GeoPoint.BoundingBox box = centre.boxAround(10);
		for (int bearing = 0; bearing < 360; bearing += 15) {
			double lat = centre.lat() + Math.toDegrees(9.9 / 6371.0088) * Math.cos(Math.toRadians(bearing));
			double lon = centre.lon() + Math.toDegrees(9.9 / 6371.0088) * Math.sin(Math.toRadians(bearing))
					/ Math.cos(Math.toRadians(centre.lat()));
			assertThat(lat).isBetween(box.minLat(), box.maxLat());
			assertThat(lon).isBetween(box.minLon(), box.maxLon());
		}
	}

}
