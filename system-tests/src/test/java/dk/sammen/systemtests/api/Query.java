package dk.sammen.systemtests.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed query string, each value URL-encoded (a date-time's {@code +01:00} must not become a
 * space). Immutable: {@link #and} gives a new query.
 */
public final class Query {

	private final List<String> parameters;

	private Query(List<String> parameters) {
		this.parameters = List.copyOf(parameters);
	}

	public static Query of(String name, Object value) {
		return new Query(List.of()).and(name, value);
	}

	/** {@code kommune=…&kommune=…}: repeated values are alternatives. */
	public static Query kommuner(Town... towns) {
		Query query = new Query(List.of());
		for (Town town : towns) {
			query = query.and("kommune", town.kommuneCode());
		}
		return query;
	}

	public Query and(String name, Object value) {
		String text = (value instanceof OffsetDateTime time) ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time)
				: String.valueOf(value);
		List<String> parameters = new ArrayList<>(this.parameters);
		parameters.add(name + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
		return new Query(parameters);
	}

	@Override
	public String toString() {
		return String.join("&", this.parameters);
	}

}
