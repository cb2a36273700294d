package dk.sammen.platform.geography;

/** A kommune with its official four-digit code, its region and a point inside it. */
public record Kommune(String code, String name, String regionCode, String regionName, GeoPoint point) {
}
