package dk.sammen.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The sample organisations and events of {@code seed/sample-data.json}. */
public record SeedData(List<SeedOrganisation> organisations) {

	public static final String RESOURCE = "/seed/sample-data.json";

	/** Reads the bundled sample data. */
	public static SeedData load() {
		try (InputStream in = SeedData.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the class path");
			}
			return read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

	static SeedData read(InputStream in) throws IOException {
		JsonNode root = new ObjectMapper().readTree(in);
		List<SeedOrganisation> organisations = new ArrayList<>();
		for (JsonNode organisation : root.path("organisations")) {
			List<SeedEvent> events = new ArrayList<>();
			for (JsonNode event : organisation.path("events")) {
				events.add(new SeedEvent((ObjectNode) event));
			}
			organisations.add(new SeedOrganisation(organisation.path("name").asText(),
					organisation.path("cvr").asText(), organisation.path("kind").asText(),
					organisation.path("contactEmail").asText(), List.copyOf(events)));
		}
		return new SeedData(List.copyOf(organisations));
	}

	public List<SeedEvent> events() {
		return this.organisations.stream().flatMap((organisation) -> organisation.events().stream()).toList();
	}

}
