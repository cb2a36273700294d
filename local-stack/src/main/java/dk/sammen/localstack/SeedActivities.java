package dk.sammen.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sample campaign activities of {@code seed/campaign-activities.json}, dated relative to the
 * seed time ({@code inDays} at {@code at} Danish time, lasting {@code minutes}).
 */
public record SeedActivities(String campaign, List<ObjectNode> activities) {

	public static final String RESOURCE = "/seed/campaign-activities.json";

	public static SeedActivities load() {
		try (InputStream in = SeedActivities.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the class path");
			}
			JsonNode root = new ObjectMapper().readTree(in);
			List<ObjectNode> activities = new ArrayList<>();
			root.path("activities").forEach((activity) -> activities.add((ObjectNode) activity));
			return new SeedActivities(root.path("campaign").asText(), List.copyOf(activities));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

	/** The activity as campaign-service takes it (CONTRACT section 4), with real dates. */
	public static ObjectNode body(ObjectNode activity, ZonedDateTime seedTime) {
		ZonedDateTime startsAt = seedTime.withZoneSameInstant(SeedEvent.DANISH_TIME)
			.toLocalDate()
			.plusDays(activity.path("inDays").asInt())
			.atTime(LocalTime.parse(activity.path("at").asText()))
			.atZone(SeedEvent.DANISH_TIME);
		ObjectNode body = activity.deepCopy();
		body.remove(List.of("inDays", "at", "minutes"));
		body.put("startsAt", startsAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		body.put("endsAt", startsAt.plusMinutes(activity.path("minutes").asInt())
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		return body;
	}

}
