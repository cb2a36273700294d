package dk.sammen.systemtests.api;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * One JSON answer of {@code /api/v1/feed} (CONTRACT section 5), read field by field, so that a
 * missing or misnamed field fails here rather than being defaulted.
 */
public record Feed(List<Item> items, @Nullable String nextCursor, boolean partial, Map<String, String> sources,
		Response response) {

	public static Feed of(Response response) {
		JsonNode json = response.json();
		List<Item> items = new ArrayList<>();
		for (JsonNode item : required(json, "items")) {
			JsonNode kommune = required(item, "kommune");
			JsonNode endsAt = required(item, "endsAt");
			items.add(new Item(text(item, "kind"), text(item, "id"), text(item, "title"),
					OffsetDateTime.parse(text(item, "startsAt")),
					endsAt.isNull() ? null : OffsetDateTime.parse(endsAt.asText()), text(item, "status"),
					text(item, "programme"), kommune.isNull() ? null : text(kommune, "code"),
					kommune.isNull() ? null : text(kommune, "name")));
		}
		JsonNode cursor = required(json, "nextCursor");
		Map<String, String> sources = new LinkedHashMap<>();
		required(json, "sources").properties().forEach((source) -> sources.put(source.getKey(), source.getValue().asText()));
		return new Feed(List.copyOf(items), cursor.isNull() ? null : cursor.asText(),
				required(json, "partial").booleanValue(), sources, response);
	}

	public List<String> ids() {
		return this.items.stream().map(Item::id).toList();
	}

	private static JsonNode required(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null) {
			throw new AssertionError("No field '" + field + "' in " + node);
		}
		return value;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = required(node, field);
		if (!value.isTextual()) {
			throw new AssertionError("Field '" + field + "' is not text in " + node);
		}
		return value.asText();
	}

	/** A feed item; {@code kind} is {@code event} or {@code campaign-activity}. */
	public record Item(String kind, String id, String title, OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt,
			String status, String programme, @Nullable String kommuneCode, @Nullable String kommuneName) {
	}

}
