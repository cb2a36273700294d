package dk.sammen.events.event;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.events.EventsProperties;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.InvalidInputException;
import dk.sammen.platform.problem.ProblemDetailsExceptionHandler;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports up to {@code maxBatchSize} events in one request. Each item is read, checked and stored
 * on its own, so one bad item fails only itself; the answer lists a result per item, in order.
 */
@RestController
class EventBatchController {

	/** A batch of 500 realistic events is larger than the 256 KiB limit of single requests. */
	static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

	private final EventService events;

	private final JsonMapper json;

	private final ProblemDetailsExceptionHandler problems;

	private final EventsProperties properties;

	EventBatchController(EventService events, JsonMapper json, ProblemDetailsExceptionHandler problems,
			EventsProperties properties) {
		this.events = events;
		this.json = json;
		this.problems = problems;
		this.properties = properties;
	}

	@PostMapping("/api/v1/events/batch")
	Mono<BatchResponse> importBatch(CallerIdentity caller, @RequestBody Flux<DataBuffer> body,
			@RequestParam(defaultValue = "false") boolean publish,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		Mono<String> organisationName = this.events.organisationName(caller).cache();
		return DataBufferUtils.join(body, MAX_BATCH_BYTES)
			.map(this::items)
			.flatMap((items) -> Flux.range(0, items.size())
				.concatMap((index) -> importOne(caller, items.get(index), index, publish, idempotencyKey,
						organisationName))
				.collectList())
			.map(BatchResponse::of);
	}

	private List<JsonNode> items(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		DataBufferUtils.release(buffer);
		JsonNode root;
		try {
			root = this.json.readTree(bytes);
		}
		catch (RuntimeException ex) {
			throw ApiProblem.badRequest("malformed-json", "The request body is not valid JSON");
		}
		JsonNode events = (root != null && root.isObject() && root.size() == 1) ? root.get("events") : null;
		if (events == null || !events.isArray()) {
			throw ApiProblem.badRequest("malformed-json", "Send {\"events\": [ ... ]}");
		}
		if (events.size() == 0 || events.size() > this.properties.maxBatchSize()) {
			throw new InvalidInputException("events", "1 to " + this.properties.maxBatchSize() + " events");
		}
		List<JsonNode> items = new ArrayList<>();
		events.forEach(items::add);
		return items;
	}

	private Mono<ItemResult> importOne(CallerIdentity caller, JsonNode item, int index, boolean publish,
			@Nullable String idempotencyKey, Mono<String> organisationName) {
		return Mono.fromCallable(() -> this.json.treeToValue(item, EventRequest.class))
			.flatMap((request) -> this.events.create(caller, request,
					(idempotencyKey != null) ? idempotencyKey + "#" + index : null, publish, organisationName))
			.map((created) -> new ItemResult(index, created.created() ? 201 : 200, created.event().id(),
					EventResponse.of(created.event()), null))
			.onErrorResume((ex) -> {
				ProblemDetail problem = this.problems.toProblem(ex);
				if (problem.getStatus() >= HttpStatus.INTERNAL_SERVER_ERROR.value()) {
					return Mono.error(ex);
				}
				return Mono.just(new ItemResult(index, problem.getStatus(), null, null, problem));
			});
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ItemResult(int index, int status, @Nullable String id, @Nullable EventResponse event,
			@Nullable ProblemDetail problem) {
	}

	record BatchResponse(int succeeded, int failed, List<ItemResult> results) {

		static BatchResponse of(List<ItemResult> results) {
			int succeeded = (int) results.stream().filter((result) -> result.status() < 300).count();
			return new BatchResponse(succeeded, results.size() - succeeded, results);
		}

	}

}
