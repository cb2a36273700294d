package dk.sammen.platform.geography;

/** A WGS 84 position. */
public record GeoPoint(double lat, double lon) {

	private static final double EARTH_RADIUS_KM = 6371.0088;

	public GeoPoint {
		if (lat < -90 || lat > 90 || lon < -180 || lon > 180 || Double.isNaN(lat) || Double.isNaN(lon)) {
			throw new IllegalArgumentException("Not a position: " + lat + "," + lon);
		}
	}

	/** Great-circle distance (haversine), accurate to well under 0.5 % at Danish distances. */
	public double distanceKm(GeoPoint other) {
		double dLat = Math.toRadians(other.lat - this.lat);
		double dLon = Math.toRadians(other.lon - this.lon);
		double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(this.lat))
				* Math.cos(Math.toRadians(other.lat)) * Math.pow(Math.sin(dLon / 2), 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
	}

	/**
	 * The latitude/longitude box containing every point within {@code radiusKm}, so a store
	 * without geo queries can narrow candidates with two range conditions.
	 */
	public BoundingBox boxAround(double radiusKm) {
		double dLat = Math.toDegrees(radiusKm / EARTH_RADIUS_KM);
		double cosLat = Math.max(Math.cos(Math.toRadians(this.lat)), 1e-6);
		double dLon = Math.min(180, Math.toDegrees(radiusKm / (EARTH_RADIUS_KM * cosLat)));
		return new BoundingBox(this.lat - dLat, this.lat + dLat, this.lon - dLon, this.lon + dLon);
	}

	public record BoundingBox(double minLat, double maxLat, double minLon, double maxLon) {
	}

}
