package dk.sammen.systemtests.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of {@code POST /api/v1/campaigns/{slug}/activities} (CONTRACT section 4) in one kommune. */
public final class ActivityBody {

	private final Town town;

	private final OffsetDateTime startsAt;

	private String kind = "talk";

	private String title = "Foredrag om ensomhed";

	private ActivityBody(Town town, OffsetDateTime startsAt) {
		this.town = town;
		this.startsAt = startsAt;
	}

	public static ActivityBody in(Town town, OffsetDateTime startsAt) {
		return new ActivityBody(town, startsAt);
	}

	/** {@code talk}, {@code radio-segment}, {@code school-activity} … */
	public ActivityBody kind(String kind) {
		this.kind = kind;
		return this;
	}

	public ActivityBody title(String title) {
		this.title = title;
		return this;
	}

	public OffsetDateTime startsAt() {
		return this.startsAt;
	}

	ObjectNode json() {
		ObjectNode body = Gateway.JSON.createObjectNode();
		body.put("kind", this.kind);
		body.put("title", this.title);
		body.put("description", "Om at række ud til en, der er ensom.");
		body.put("startsAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(this.startsAt));
		body.put("endsAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(this.startsAt.plus(Duration.ofMinutes(90))));
		body.put("kommuneCode", this.town.kommuneCode());
		body.put("url", "https://example.dk/kampagne");
		return body;
	}

}
