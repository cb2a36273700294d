package dk.sammen.platform.test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * What every fuzz test asks of each answer, and its seed and number of tries: never a 5xx, every 4xx an
 * {@code application/problem+json} with {@code type}, {@code title} and the same {@code status}, and no
 * other success than the endpoint's own. {@code -Dsammen.fuzz.seed=S} repeats a run,
 * {@code -Dsammen.fuzz.tries=N} runs more.
 */
public final class FuzzAnswers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FuzzAnswers() {
	}

	/** {@code -Dsammen.fuzz.seed}, or a new seed; print it with every failure. */
	public static long seed() {
		return Long.getLong("sammen.fuzz.seed", System.nanoTime());
	}

	/** {@code -Dsammen.fuzz.tries}, or {@code byDefault}. */
	public static int tries(int byDefault) {
		return Integer.getInteger("sammen.fuzz.tries", byDefault);
	}

	/**
	 * What is wrong with {@code answer} to {@code mutant}, or null when nothing is.
	 * @param successes the 2xx statuses the endpoint answers, e.g. 201 for a create
	 */
	public static @Nullable String fault(Mutant mutant, EntityExchangeResult<byte[]> answer, Set<Integer> successes) {
		int status = answer.getStatus().value();
		if (status >= 500) {
			return status + " for " + mutant.excerpt() + " → " + body(answer);
		}
		if (status < 400) {
			return successes.contains(status) ? null : "unexpected " + status + " for " + mutant.excerpt();
		}
		MediaType type = answer.getResponseHeaders().getContentType();
		if (type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)) {
			return status + " as " + type + " for " + mutant.excerpt();
		}
		JsonNode problem = JSON.readTree(body(answer));
		if (problem.get("status") == null || problem.get("status").asInt() != status || problem.get("type") == null
				|| problem.get("title") == null) {
			return status + " problem without type/title/status: " + problem + " for " + mutant.excerpt();
		}
		return null;
	}

	private static String body(EntityExchangeResult<byte[]> answer) {
		byte[] bytes = answer.getResponseBody();
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "";
	}

}
