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

	private final long maxBytes;

	private final String limit;

	RequestBodyLimitFilter(DataSize maxBodySize) {
		this.maxBytes = maxBodySize.toBytes();
		this.limit = (this.maxBytes % 1024 == 0) ? (this.maxBytes / 1024) + " KiB" : this.maxBytes + " bytes";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getHeaders().getContentLength() > this.maxBytes) {
			return Mono.error(tooLarge());
		}
		return chain.filter(exchange.mutate().request(new LimitedBodyRequest(request)).build());
	}

	/** After authentication, so that a caller with an invalid key hears 401 whatever it sends. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 200;
	}

	private ApiProblem tooLarge() {
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request body too large",
				"The request body exceeds the limit of " + this.limit);
	}

	private final class LimitedBodyRequest extends ServerHttpRequestDecorator {

		LimitedBodyRequest(ServerHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> {
				AtomicLong received = new AtomicLong();
				return super.getBody().handle((buffer, sink) -> {
					if (received.addAndGet(buffer.readableByteCount()) > RequestBodyLimitFilter.this.maxBytes) {
						DataBufferUtils.release(buffer);
						sink.error(tooLarge());
					}
					else {
						sink.next(buffer);
					}
				});
			});
		}

	}

}
