package dk.sammen.platform.problem;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.NettyPipeline;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * CONTRACT section 7: every error is {@code application/problem+json}. A request line or headers over
 * Netty's limits never reach Spring: Reactor Netty answers 414 or 431 itself, with an empty body. This
 * handler, between the HTTP codec and Reactor Netty's own handler, gives exactly those answers a problem
 * body; every other response passes untouched. The gateway and every service use it, so a service
 * called directly answers as the gateway does.
 */
public final class OversizedRequestProblems extends ChannelDuplexHandler {

	static final String NAME = "sammen.oversizedRequestProblems";

	private OversizedRequestProblems() {
	}

	/** Adds the handler to every connection of the server. */
	public static NettyServerCustomizer customizer() {
		return (HttpServer server) -> server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new OversizedRequestProblems());
			}
		});
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof FullHttpResponse response && response.content().readableBytes() == 0
				&& !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
			String problem = problem(response.status());
			if (problem != null) {
				byte[] body = problem.getBytes(StandardCharsets.UTF_8);
				FullHttpResponse replaced = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
						Unpooled.wrappedBuffer(body), response.headers().copy(), response.trailingHeaders().copy());
				replaced.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
				replaced.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
				response.release();
				ctx.write(replaced, promise);
				return;
			}
		}
		ctx.write(msg, promise);
	}

	private static @Nullable String problem(HttpResponseStatus status) {
		return switch (status.code()) {
			case 414 -> json(414, "uri-too-long", "URI too long",
					"The request line is longer than the server accepts; send fewer or shorter query parameters");
			case 431 -> json(431, "headers-too-large", "Request headers too large",
					"The request headers are larger than the server accepts");
			default -> null;
		};
	}

	private static String json(int status, String type, String title, String detail) {
		return "{\"type\":\"" + ApiProblem.TYPE_BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\"}";
	}

}
