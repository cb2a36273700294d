package dk.sammen.campaign.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

/**
 * The public listing's filters, with the semantics of {@code GET /api/v1/events}: repeated
 * parameters are alternatives, different parameters must all hold, {@code from}/{@code to} select
 * what overlaps the window (default from now), keyset cursor. A nationwide activity matches every
 * {@code kommune} and {@code region}, as an event for {@code alle} matches every target group.
 */
record ActivityQuery(List<String> kommuner, List<String> regions, List<String> campaigns, List<String> kinds,
		@Nullable Instant from, @Nullable Instant to, int limit, @Nullable ActivityCursor cursor) {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private static final Set<String> KNOWN = Set.of("kommune", "region", "campaign", "kind", "from", "to", "limit",
			"cursor");

	static ActivityQuery parse(MultiValueMap<String, String> params, Kommuner kommuner) {
		Violations violations = new Violations();
		params.keySet().stream().filter((name) -> !KNOWN.contains(name)).sorted()
			.forEach((name) -> violations.add(name, "not a filter of this listing; use " + KNOWN.stream().sorted().toList()));
		List<String> kommuneCodes = values(params, "kommune");
		violations.require(kommuneCodes.stream().allMatch(kommuner::isKommune), "kommune",
				"official four-digit kommune codes such as '0661'");
		List<String> regions = values(params, "region");
		violations.require(regions.stream().allMatch(kommuner::isRegion), "region", "region codes 1081 to 1085");
		List<String> campaigns = values(params, "campaign");
		List<String> kinds = values(params, "kind");
		violations.require(ActivityVocabulary.KINDS.containsAll(kinds), "kind",
				"one or more of " + ActivityVocabulary.KINDS.stream().sorted().toList());
		Instant from = instant(violations, params.getFirst("from"), "from", false);
		Instant to = instant(violations, params.getFirst("to"), "to", true);
		int limit = limit(violations, params.getFirst("limit"));
		ActivityCursor cursor = null;
		String cursorValue = params.getFirst("cursor");
		if (cursorValue != null) {
			cursor = ActivityCursor.decode(cursorValue).orElse(null);
			violations.require(cursor != null, "cursor", "use the nextCursor of an earlier answer");
		}
		if (!violations.isEmpty()) {
			ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameters",
					violations.list().size() + " query parameter(s) are not valid");
			problem.getBody().setProperty("errors", violations.list());
			throw problem;
		}
		return new ActivityQuery(kommuneCodes, regions, campaigns, kinds, from, to, limit, cursor);
	}

	ActivityQuery inCampaign(String campaign) {
		return new ActivityQuery(this.kommuner, this.regions, List.of(campaign), this.kinds, this.from, this.to,
				this.limit, this.cursor);
	}

	private static List<String> values(MultiValueMap<String, String> params, String name) {
		List<String> values = new ArrayList<>();
		for (String value : params.getOrDefault(name, List.of())) {
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					values.add(part.strip());
				}
			}
		}
		return values.stream().distinct().limit(100).toList();
	}

	/** A date means the start of that day in Danish time ({@code to}: the start of the next day). */
	private static @Nullable Instant instant(Violations violations, @Nullable String value, String name,
			boolean endOfDay) {
		if (value == null) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate date = LocalDate.parse(value);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(DanmarkSpiserSammenWeek.DANISH_TIME)
					.toInstant();
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			violations.add(name, "a date (2027-04-26) or a date-time with offset (2027-04-26T17:00:00+02:00)");
			return null;
		}
	}

	private static int limit(Violations violations, @Nullable String value) {
		if (value == null) {
			return DEFAULT_LIMIT;
		}
		if (value.matches("^[0-9]{1,3}$")) {
			int parsed = Integer.parseInt(value);
			if (parsed >= 1 && parsed <= MAX_LIMIT) {
				return parsed;
			}
		}
		violations.add("limit", "a whole number from 1 to " + MAX_LIMIT);
		return DEFAULT_LIMIT;
	}

}
