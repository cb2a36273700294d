package dk.sammen.systemtests.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/events} (CONTRACT section 3), with plausible values for what a
 * test does not care about.
 */
public final class EventBody {

	private String title = "Fællesspisning i Medborgerhuset";

	private String description = "Kom og spis med. Alle er velkomne.";

	private String programme = "local-partnership";

	private @Nullable String campaign;

	private OffsetDateTime startsAt;

	private Duration duration = Duration.ofHours(2);

	private @Nullable Town town;

	private @Nullable String onlineUrl;

	private List<String> arenas = List.of("fritid-og-faellesskaber");

	private List<String> interventionTypes = List.of("socialt-netvaerk");

	private List<String> targetGroups = List.of("voksne");

	private int priceDkk;

	private List<String> welcome = List.of();

	private @Nullable ObjectNode schedule;

	private EventBody(OffsetDateTime startsAt) {
		this.startsAt = startsAt;
	}

	/** An event at a venue in the town. */
	public static EventBody in(Town town, OffsetDateTime startsAt) {
		EventBody body = new EventBody(startsAt);
		body.town = town;
		return body;
	}

	/** An event held online only, so in no kommune. */
	public static EventBody onlineOnly(String url, OffsetDateTime startsAt) {
		EventBody body = new EventBody(startsAt);
		body.onlineUrl = url;
		return body;
	}

	public EventBody title(String title) {
		this.title = title;
		return this;
	}

	public EventBody description(String description) {
		this.description = description;
		return this;
	}

	public EventBody programme(String programme) {
		this.programme = programme;
		return this;
	}

	public EventBody campaign(String campaign) {
		this.campaign = campaign;
		return this;
	}

	/** Held at the venue and streamed as well. */
	public EventBody alsoOnline(String url) {
		this.onlineUrl = url;
		return this;
	}

	public EventBody arenas(String... arenas) {
		this.arenas = List.of(arenas);
		return this;
	}

	public EventBody interventionTypes(String... interventionTypes) {
		this.interventionTypes = List.of(interventionTypes);
		return this;
	}

	public EventBody targetGroups(String... targetGroups) {
		this.targetGroups = List.of(targetGroups);
		return this;
	}

	/** How a newcomer is received: {@code kom-alene}, {@code bordvaert}, {@code foelgeskab}. */
	public EventBody welcome(String... welcome) {
		this.welcome = List.of(welcome);
		return this;
	}

	/** A recurring offer from {@code startsAt}: an RRULE, an optional last day and days without it. */
	public EventBody schedule(String rrule, @Nullable String until, String... exdates) {
		this.schedule = Gateway.JSON.createObjectNode().put("rrule", rrule);
		if (until != null) {
			this.schedule.put("until", until);
		}
		strings(this.schedule.putArray("exdates"), List.of(exdates));
		return this;
	}

	public EventBody priceDkk(int priceDkk) {
		this.priceDkk = priceDkk;
		return this;
	}

	public OffsetDateTime startsAt() {
		return this.startsAt;
	}

	public String title() {
		return this.title;
	}

	/** The body as JSON, for requests the {@link Gateway}'s helpers do not cover. */
	public ObjectNode json() {
		ObjectNode body = Gateway.JSON.createObjectNode();
		body.put("title", this.title);
		body.put("description", this.description);
		body.put("programme", this.programme);
		body.put("campaign", this.campaign);
		body.put("startsAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(this.startsAt));
		body.put("endsAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(this.startsAt.plus(this.duration)));
		if (this.town != null) {
			ObjectNode location = body.putObject("location");
			location.put("venue", "Medborgerhuset");
			location.put("street", "Torvet 1");
			location.put("postalCode", this.town.postalCode());
			location.put("city", this.town.city());
			location.put("kommuneCode", this.town.kommuneCode());
			location.put("lat", this.town.lat());
			location.put("lon", this.town.lon());
		}
		else {
			body.putNull("location");
		}
		if (this.onlineUrl != null) {
			body.putObject("online").put("url", this.onlineUrl);
		}
		else {
			body.putNull("online");
		}
		strings(body.putArray("arenas"), this.arenas);
		strings(body.putArray("interventionTypes"), this.interventionTypes);
		strings(body.putArray("targetGroups"), this.targetGroups);
		strings(body.putArray("languages"), List.of("da"));
		body.put("priceDkk", this.priceDkk);
		body.put("capacity", 40);
		body.put("registrationUrl", "https://example.dk/tilmeld");
		body.putArray("accessibility").add("wheelchair");
		strings(body.putArray("welcome"), this.welcome);
		if (this.schedule != null) {
			body.set("schedule", this.schedule);
		}
		return body;
	}

	private static void strings(ArrayNode array, List<String> values) {
		values.forEach(array::add);
	}

}
