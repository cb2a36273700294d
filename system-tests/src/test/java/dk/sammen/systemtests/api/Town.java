package dk.sammen.systemtests.api;

/**
 * A place in a kommune of {@code kommuner.csv}, where the tests hold their events; the position
 * is the kommune's own from that file.
 */
public record Town(String kommuneCode, String regionCode, String city, String postalCode, double lat, double lon) {

	public static final Town KOEBENHAVN = new Town("0101", "1084", "København", "1550", 55.70409, 12.49391);

	public static final Town FREDERIKSBERG = new Town("0147", "1084", "Frederiksberg", "2000", 55.67937, 12.52373);

	public static final Town BROENDBY = new Town("0153", "1084", "Brøndby", "2605", 55.64504, 12.40438);

	public static final Town HOEJE_TAASTRUP = new Town("0169", "1084", "Høje-Taastrup", "2630", 55.66696, 12.25783);

	public static final Town LYNGBY = new Town("0173", "1084", "Kongens Lyngby", "2800", 55.78319, 12.51127);

	public static final Town KOEGE = new Town("0259", "1085", "Køge", "4600", 55.4573, 12.07254);

	public static final Town ODENSE = new Town("0461", "1083", "Odense", "5000", 55.3917, 10.29848);

	public static final Town HOLSTEBRO = new Town("0661", "1082", "Holstebro", "7500", 56.43, 8.82846);

	public static final Town SILKEBORG = new Town("0740", "1082", "Silkeborg", "8600", 56.20903, 9.56059);

	public static final Town AARHUS = new Town("0751", "1082", "Aarhus", "8000", 56.15511, 10.10361);

	public static final Town VIBORG = new Town("0791", "1082", "Viborg", "8800", 56.47081, 9.5498);

	public static final Town AALBORG = new Town("0851", "1081", "Aalborg", "9000", 56.98087, 9.9971);

	/** {@code near=lat,lon} for the feed. */
	public String near() {
		return this.lat + "," + this.lon;
	}

}
