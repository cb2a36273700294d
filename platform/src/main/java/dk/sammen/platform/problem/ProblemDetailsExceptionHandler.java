package dk.sammen.platform.problem;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every failure, from controllers and filters alike, as {@code application/problem+json}.
 * Malformed input, unknown fields and oversized bodies are the client's fault and never a 5xx.
 */
public class ProblemDetailsExceptionHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemDetailsExceptionHandler.class);

	/** {@code Retry-After} for a data store outage when the service does not configure one. */
	public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	// by name: the gateway has no MongoDB driver; a driver failure that escaped Spring's translation
	// (a raw publisher, a health check) still means "the data store is away", never a 500
	private static final Set<String> DATA_STORE_OUTAGES = Set.of("com.mongodb.MongoTimeoutException",
			"com.mongodb.MongoSocketException");

	private final JsonMapper jsonMapper;

	private final Duration retryAfter;

	public ProblemDetailsExceptionHandler(JsonMapper jsonMapper) {
		this(jsonMapper, DEFAULT_RETRY_AFTER);
	}

	public ProblemDetailsExceptionHandler(JsonMapper jsonMapper, Duration retryAfter) {
		this.jsonMapper = jsonMapper;
		this.retryAfter = retryAfter;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = toProblem(ex);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		HttpHeaders headers = response.getHeaders();
		if (ex instanceof ErrorResponse errorResponse) {
			errorResponse.getHeaders().forEach(headers::addAll);
		}
		if (isDataStoreOutage(ex)) {
			// a well-behaved client waits before trying again instead of hammering a recovering store
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.retryAfter.toSeconds())));
		}
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = response.bufferFactory().wrap(this.jsonMapper.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(body));
	}

	/** The problem a failure is shown as; also used for the per-item results of batch requests. */
	public ProblemDetail toProblem(Throwable ex) {
		DataBufferLimitException tooLarge = findCause(ex, DataBufferLimitException.class);
		if (tooLarge != null) {
			return ApiProblem.problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request body too large",
					"The request body exceeds the limit of 256 KiB");
		}
		UnrecognizedPropertyException unknownField = findCause(ex, UnrecognizedPropertyException.class);
		if (unknownField != null) {
			String field = path(unknownField);
			ProblemDetail problem = ApiProblem.problem(HttpStatus.BAD_REQUEST, "unknown-field", "Unknown field",
					"Field '" + field + "' is not part of this request");
			problem.setProperty("errors", List.of(new FieldViolation(field, "unknown or server-owned field")));
			return problem;
		}
		JacksonException malformed = findCause(ex, JacksonException.class);
		if (malformed != null) {
			String field = path(malformed);
			ProblemDetail problem = ApiProblem.problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
					field.isEmpty() ? "The request body is not valid JSON for this request"
							: "Field '" + field + "' has the wrong type or shape");
			if (!field.isEmpty()) {
				problem.setProperty("errors", List.of(new FieldViolation(field, "wrong type or shape")));
			}
			return problem;
		}
		if (ex instanceof ErrorResponse errorResponse) {
			ProblemDetail body = errorResponse.getBody();
			if (body.getType() == null || "about:blank".equals(body.getType().toString())) {
				body.setType(URI.create(ApiProblem.TYPE_BASE + "http-" + body.getStatus()));
			}
			if (body.getDetail() == null) {
				body.setDetail(body.getTitle());
			}
			return body;
		}
		if (ex instanceof OptimisticLockingFailureException) {
			return ApiProblem.preconditionFailed("The resource was changed by someone else; fetch it again")
				.getBody();
		}
		if (ex instanceof DuplicateKeyException) {
			return ApiProblem.conflict("A resource with the same identity already exists").getBody();
		}
		if (isDataStoreOutage(ex)) {
			logger.warn("Data store unavailable: " + ex.getMessage());
			return ApiProblem.serviceUnavailable("The data store is unavailable; try again shortly").getBody();
		}
		logger.error("Unhandled failure", ex);
		return ApiProblem.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"Something went wrong on our side");
	}

	private static boolean isDataStoreOutage(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof DataAccessResourceFailureException) {
				return true;
			}
			for (Class<?> type = current.getClass(); type != null; type = type.getSuperclass()) {
				if (DATA_STORE_OUTAGES.contains(type.getName())) {
					return true;
				}
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

	private static <T extends Throwable> @Nullable T findCause(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
