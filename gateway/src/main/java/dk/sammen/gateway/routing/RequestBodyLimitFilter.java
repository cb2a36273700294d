package dk.sammen.gateway.routing;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dk.sammen.platform.problem.ApiProblem;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

/**
 * Refuses request bodies over the limit with a 413. A declared {@code Content-Length} is refused
 * before anything is forwarded; a chunked body has no length up front, so it is counted while it
 * streams to the service and cut off at the limit. Spring Cloud Gateway's own RequestSize filter
 * only looks at the header and would let an unbounded chunked body through.
 */
final class RequestBodyLimitFilter implements GlobalFilter, Ordered {

	/** Batch imports carry up to 500 events, far more than one event's 256 KiB. */
	static final String BATCH_PATH = "/api/v1/events/batch";

	private final long maxBytes;

	private final long maxBatchBytes;

	RequestBodyLimitFilter(DataSize maxBodySize, DataSize maxBatchBodySize) {
		this.maxBytes = maxBodySize.toBytes();
		this.maxBatchBytes = maxBatchBodySize.toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long max = BATCH_PATH.equals(request.getPath().value()) ? this.maxBatchBytes : this.maxBytes;
		if (request.getHeaders().getContentLength() > max) {
			return Mono.error(tooLarge(max));
		}
		return chain.filter(exchange.mutate().request(new LimitedBodyRequest(request, max)).build());
	}

	/** After authentication, so that a caller with an invalid key hears 401 whatever it sends. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 200;
	}

	private static ApiProblem tooLarge(long max) {
		String limit = (max % 1024 == 0) ? (max / 1024) + " KiB" : max + " bytes";
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request body too large",
				"The request body exceeds the limit of " + limit);
	}

	private static final class LimitedBodyRequest extends ServerHttpRequestDecorator {

		private final long max;

		LimitedBodyRequest(ServerHttpRequest delegate, long max) {
			super(delegate);
			this.max = max;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> {
				AtomicLong received = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (received.addAndGet(buffer.readableByteCount()) > this.max) {
						DataBufferUtils.release(buffer);
						sink.error(tooLarge(this.max));
					}
					else {
						sink.next(buffer);
					}
				});
			});
		}

	}

}
