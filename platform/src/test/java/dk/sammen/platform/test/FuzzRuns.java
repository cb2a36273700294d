package dk.sammen.platform.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The two fuzz runs every write endpoint gets: creates ({@code POST}) and changes ({@code PUT} with
 * {@code If-Match}) of mutated bodies, each answer judged by {@link FuzzAnswers}, and after each the
 * store compared with what the answers claimed. What the test sends and how it reads its store are
 * its own; the rules are the same everywhere.
 */
public final class FuzzRuns {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FuzzRuns() {
	}

	/**
	 * What a run of creates found.
	 * @param failures one line per broken promise, naming the try and the body
	 * @param created ids of the documents the store holds after the run
	 * @param statuses how often each status was answered
	 */
	public record Creates(List<String> failures, List<String> created, Map<Integer, Integer> statuses) {
	}

	/**
	 * Sends {@code tries} mutations of {@code valid} to a create endpoint (201 with the new {@code id});
	 * after each the store must hold exactly the documents created so far.
	 */
	public static Creates creates(long seed, int tries, Supplier<Map<String, Object>> valid,
			Function<Mutant, EntityExchangeResult<byte[]>> send, LongSupplier stored,
			Supplier<List<String>> storedIds) {
		Random random = new Random(seed);
		List<String> failures = new ArrayList<>();
		List<String> created = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; i < tries; i++) {
			Mutant mutant = BodyMutator.mutate(random, valid.get());
			EntityExchangeResult<byte[]> answer = send.apply(mutant);
			int status = answer.getStatus().value();
			statuses.merge(status, 1, Integer::sum);
			String fault = FuzzAnswers.fault(mutant, answer, Set.of(201));
			if (fault != null) {
				failures.add("try " + i + ": " + fault);
			}
			if (status == 201) {
				created.add(JSON.readTree(answer.getResponseBody()).get("id").asString());
			}
			long holds = stored.getAsLong();
			if (holds != created.size()) {
				failures.add("try " + i + ": " + status + " but " + holds + " stored for " + created.size()
						+ " created; body " + mutant.excerpt());
				created.clear();
				created.addAll(storedIds.get());
			}
		}
		return new Creates(failures, created, statuses);
	}

	/**
	 * Sends {@code tries} mutations of {@code valid} to a change endpoint (200), each with the version
	 * last seen as {@code If-Match}; an answer other than 2xx must leave the version where it was.
	 * @param send the request for a mutant and the version to match
	 * @param version reads the stored document's version
	 */
	public static List<String> changes(long seed, int tries, Supplier<Map<String, Object>> valid,
			BiFunction<Mutant, Long, EntityExchangeResult<byte[]>> send, LongSupplier version) {
		// another stream than the creates', so the two runs do not mirror each other
		Random random = new Random(seed ^ 0x5DEECE66DL);
		List<String> failures = new ArrayList<>();
		long expected = version.getAsLong();
		for (int i = 0; i < tries; i++) {
			Mutant mutant = BodyMutator.mutate(random, valid.get());
			EntityExchangeResult<byte[]> answer = send.apply(mutant, expected);
			String fault = FuzzAnswers.fault(mutant, answer, Set.of(200));
			if (fault != null) {
				failures.add("try " + i + ": " + fault);
			}
			long now = version.getAsLong();
			if (!answer.getStatus().is2xxSuccessful() && now != expected) {
				failures.add("try " + i + ": " + answer.getStatus() + " but the version moved from " + expected + " to "
						+ now + "; body " + mutant.excerpt());
			}
			expected = now;
		}
		return failures;
	}

}
